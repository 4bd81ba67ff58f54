package dev.fulcrum.core.pivot;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link MoveApi} decorator that sees every call, for counting and for fault injection: whatever {@link #beforeCall}
 * throws, the call is not made; whatever {@link #afterCall} throws, the call was made and its answer is lost.
 */
public abstract class InterceptingMoveApi implements MoveApi {
  private final MoveApi delegate;

  protected InterceptingMoveApi(MoveApi delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** Called before each call is passed on. */
  protected abstract void beforeCall(Operation operation);

  /** Called after each call returned normally; does nothing unless overridden. */
  protected void afterCall(Operation operation) {}

  private <T> T after(Operation operation, T answer) {
    afterCall(operation);
    return answer;
  }

  @Override
  public List<ObjectNode> listCrds(String label) {
    beforeCall(Operation.LIST_CRDS);
    return after(Operation.LIST_CRDS, delegate.listCrds(label));
  }

  @Override
  public List<ObjectNode> list(ResourceType type, String namespace) {
    beforeCall(Operation.LIST);
    return after(Operation.LIST, delegate.list(type, namespace));
  }

  @Override
  public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
    beforeCall(Operation.GET);
    return after(Operation.GET, delegate.get(type, namespace, name));
  }

  @Override
  public Optional<ObjectNode> create(ResourceType type, ObjectNode object) {
    beforeCall(Operation.CREATE);
    return after(Operation.CREATE, delegate.create(type, object));
  }

  @Override
  public ObjectNode update(ResourceType type, ObjectNode object) {
    beforeCall(Operation.UPDATE);
    return after(Operation.UPDATE, delegate.update(type, object));
  }

  @Override
  public Optional<ObjectNode> mergePatch(ResourceType type, String namespace, String name, ObjectNode patch) {
    beforeCall(Operation.MERGE_PATCH);
    return after(Operation.MERGE_PATCH, delegate.mergePatch(type, namespace, name, patch));
  }

  @Override
  public Optional<ObjectNode> jsonPatch(ResourceType type, String namespace, String name, ArrayNode patch) {
    beforeCall(Operation.JSON_PATCH);
    return after(Operation.JSON_PATCH, delegate.jsonPatch(type, namespace, name, patch));
  }

  @Override
  public boolean delete(ResourceType type, String namespace, String name) {
    beforeCall(Operation.DELETE);
    return after(Operation.DELETE, delegate.delete(type, namespace, name));
  }

  @Override
  public void ensureNamespace(String name) {
    beforeCall(Operation.ENSURE_NAMESPACE);
    delegate.ensureNamespace(name);
    afterCall(Operation.ENSURE_NAMESPACE);
  }
}
