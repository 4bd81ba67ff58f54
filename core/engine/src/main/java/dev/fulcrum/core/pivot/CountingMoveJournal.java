package dev.fulcrum.core.pivot;

import java.util.Optional;

/** Counts the calls a move makes on its journal (each one API call to the management cluster). */
final class CountingMoveJournal implements MoveJournal {
  private final MoveJournal delegate;
  private int calls;

  CountingMoveJournal(MoveJournal delegate) {
    this.delegate = delegate;
  }

  @Override
  public Optional<MoveRecord> load(String namespace) {
    calls++;
    return delegate.load(namespace);
  }

  @Override
  public MoveRecord save(MoveRecord record) {
    calls++;
    return delegate.save(record);
  }

  @Override
  public void delete(MoveRecord record) {
    calls++;
    delegate.delete(record);
  }

  int calls() {
    return calls;
  }
}
