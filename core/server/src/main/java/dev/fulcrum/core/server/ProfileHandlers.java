package dev.fulcrum.core.server;

import dev.fulcrum.core.profiles.ClusterProfile;
import dev.fulcrum.core.profiles.ClusterProfiles;
import dev.fulcrum.core.profiles.ProfileReader;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The cluster profile endpoints. A profile version is shown as the {@code ClusterProfile} object the
 * management cluster stores; lists are {@code {items: [...]}}. They run on worker threads: each calls
 * the management cluster (and apply runs Helm).
 */
final class ProfileHandlers {
  private final ProfileReader reader;
  private final ClusterProfiles profiles;

  ProfileHandlers(ProfileReader reader, ClusterProfiles profiles) {
    this.reader = reader;
    this.profiles = profiles;
  }

  void apply(RoutingContext ctx) {
    ClusterProfile profile = reader.read(ClusterHandlers.body(ctx));
    ClusterProfiles.Applied applied = profiles.apply(profile);
    if (applied.created()) {
      ctx.response()
          .putHeader("Location", "/api/v1/profiles/" + profile.name() + "/versions/" + profile.version());
    }
    Responses.json(ctx, applied.created() ? 201 : 200, ClusterHandlers.view(applied.stored()));
  }

  void list(RoutingContext ctx) {
    Responses.json(ctx, 200, items(profiles.list()));
  }

  void versions(RoutingContext ctx) {
    String name = ctx.pathParam("profile");
    List<ObjectNode> versions = profiles.versions(name);
    if (versions.isEmpty()) {
      throw ApiProblem.notFound("no profile " + name + " is stored");
    }
    Responses.json(ctx, 200, items(versions));
  }

  void get(RoutingContext ctx) {
    String name = ctx.pathParam("profile");
    String version = ctx.pathParam("version");
    Responses.json(
        ctx,
        200,
        ClusterHandlers.view(
            profiles
                .stored(name, version)
                .orElseThrow(() -> notStored(name, version))));
  }

  /** Deletes a version no cluster uses: 204; 404 if it is not stored; 409 (naming the clusters) if in use. */
  void delete(RoutingContext ctx) {
    String name = ctx.pathParam("profile");
    String version = ctx.pathParam("version");
    if (!profiles.delete(name, version)) {
      throw notStored(name, version);
    }
    ctx.response().setStatusCode(204).end();
  }

  private static ApiProblem notStored(String name, String version) {
    return ApiProblem.notFound("no profile " + ClusterProfile.reference(name, version) + " is stored");
  }

  private static Map<String, List<ObjectNode>> items(List<ObjectNode> profiles) {
    return Map.of("items", profiles.stream().map(ClusterHandlers::view).toList());
  }
}
