package dev.fulcrum.sandbox.capi;

/** The namespace and name of an object a controller reconciles. */
record ObjectKey(String namespace, String name) {

  static ObjectKey of(ApiObject object) {
    return new ObjectKey(object.namespace(), object.name());
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
