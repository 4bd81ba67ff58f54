/**
 * The order of operations, one class per step behind the {@link dev.fulcrum.core.steps.Step}
 * interface: {@link dev.fulcrum.core.steps.Accept}, {@link dev.fulcrum.core.steps.RenderAndApply},
 * {@link dev.fulcrum.core.steps.FirstControlPlane}. Steps know the cluster and the management cluster,
 * not who runs them.
 */
package dev.fulcrum.core.steps;
