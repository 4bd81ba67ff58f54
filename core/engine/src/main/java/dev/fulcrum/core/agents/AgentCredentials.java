package dev.fulcrum.core.agents;

import dev.fulcrum.core.cluster.ClusterRef;
import dev.fulcrum.core.cluster.WorkloadClusters;
import dev.fulcrum.core.components.AgentToken;
import dev.fulcrum.core.components.AgentTokens;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The per-cluster credential an agent presents to the management plane: valid for its one cluster only. A token
 * reads {@code fa1.<project>.<cluster>.<random>} (project and cluster are DNS labels, so the dots are unambiguous);
 * the management cluster keeps it in the Secret {@code <cluster>-agent-token} of the project, owned by the
 * WorkloadCluster so it goes with it. Verification compares in constant time.
 */
public final class AgentCredentials {
  static final String PREFIX = "fa1";
  private static final String KEY = "token";
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private final KubernetesClient client;
  private final AgentTokens tokens = new AgentTokens();

  public AgentCredentials(KubernetesClient client) {
    this.client = client;
  }

  /** The cluster's token, created on first use. */
  public AgentToken tokenFor(JsonNode workloadCluster) {
    ClusterRef ref = ClusterRef.of(workloadCluster);
    Optional<AgentToken> existing = stored(ref);
    if (existing.isPresent()) {
      return existing.get();
    }
    AgentToken token =
        AgentTokens.of(String.join(".", PREFIX, ref.project(), ref.name(), tokens.generate().reveal()));
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withNamespace(ref.project())
            .withName(secretName(ref))
            .withOwnerReferences(WorkloadClusters.ownerReference(workloadCluster))
            .endMetadata()
            .withType("Opaque")
            .addToData(KEY, Base64.getEncoder().encodeToString(token.reveal().getBytes(StandardCharsets.UTF_8)))
            .build();
    // Create, never overwrite: if another server created one meanwhile, theirs wins.
    try {
      client.secrets().resource(secret).create();
      return token;
    } catch (KubernetesClientException e) {
      return stored(ref).orElseThrow(() -> e);
    }
  }

  /** The cluster a presented token is valid for; empty for anything else. */
  public Optional<ClusterRef> verify(String presented) {
    String[] parts = presented.split("\\.", -1);
    if (parts.length != 4 || !PREFIX.equals(parts[0]) || parts[1].isEmpty() || parts[2].isEmpty()) {
      return Optional.empty();
    }
    if (!DNS_LABEL.matcher(parts[1]).matches() || !DNS_LABEL.matcher(parts[2]).matches()) {
      return Optional.empty();
    }
    ClusterRef ref = new ClusterRef(parts[1], parts[2]);
    Optional<AgentToken> expected = stored(ref);
    return expected.isPresent() && AgentTokens.verify(presented, expected.get()) ? Optional.of(ref) : Optional.empty();
  }

  private Optional<AgentToken> stored(ClusterRef ref) {
    Secret secret = client.secrets().inNamespace(ref.project()).withName(secretName(ref)).get();
    if (secret == null || secret.getData() == null || !secret.getData().containsKey(KEY)) {
      return Optional.empty();
    }
    return Optional.of(
        AgentTokens.of(new String(Base64.getDecoder().decode(secret.getData().get(KEY)), StandardCharsets.UTF_8)));
  }

  private static String secretName(ClusterRef ref) {
    return ref.name() + "-agent-token";
  }
}
