package dev.fulcrum.core.pivot;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link MoveApi} decorator that sees every call before it is made, for counting and for fault injection: whatever
 * {@link #beforeCall} throws, the call is not made.
 */
public abstract class InterceptingMoveApi implements MoveApi {
  private final MoveApi delegate;

  protected InterceptingMoveApi(MoveApi delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** Called before each call is passed on. */
  protected abstract void beforeCall(Operation operation);

  @Override
  public List<ObjectNode> listCrds(String label) {
    beforeCall(Operation.LIST_CRDS);
    return delegate.listCrds(label);
  }

  @Override
  public List<ObjectNode> list(ResourceType type, String namespace) {
    beforeCall(Operation.LIST);
    return delegate.list(type, namespace);
  }

  @Override
  public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
    beforeCall(Operation.GET);
    return delegate.get(type, namespace, name);
  }

  @Override
  public Optional<ObjectNode> create(ResourceType type, ObjectNode object) {
    beforeCall(Operation.CREATE);
    return delegate.create(type, object);
  }

  @Override
  public ObjectNode update(ResourceType type, ObjectNode object) {
    beforeCall(Operation.UPDATE);
    return delegate.update(type, object);
  }

  @Override
  public Optional<ObjectNode> mergePatch(ResourceType type, String namespace, String name, ObjectNode patch) {
    beforeCall(Operation.MERGE_PATCH);
    return delegate.mergePatch(type, namespace, name, patch);
  }

  @Override
  public Optional<ObjectNode> jsonPatch(ResourceType type, String namespace, String name, ArrayNode patch) {
    beforeCall(Operation.JSON_PATCH);
    return delegate.jsonPatch(type, namespace, name, patch);
  }

  @Override
  public boolean delete(ResourceType type, String namespace, String name) {
    beforeCall(Operation.DELETE);
    return delegate.delete(type, namespace, name);
  }

  @Override
  public void ensureNamespace(String name) {
    beforeCall(Operation.ENSURE_NAMESPACE);
    delegate.ensureNamespace(name);
  }
}
