package dev.fulcrum.plugins.azure;

import dev.fulcrum.spi.ClusterRequest;
import dev.fulcrum.spi.FieldError;
import dev.fulcrum.spi.NodePool;
import dev.fulcrum.spi.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The Azure naming rules the JSON schemas leave to readable messages. */
final class AzureValidation {
  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  /** Location names as the Azure APIs take them: westeurope, eastus2, switzerlandnorth. */
  private static final Pattern LOCATION = Pattern.compile("[a-z][a-z0-9]*");
  /** Letters, digits, '_', '-', '.', '(' and ')', up to 90, not ending in '.'. */
  private static final Pattern RESOURCE_GROUP = Pattern.compile("[\\p{L}\\p{N}_\\-.()]{0,89}[\\p{L}\\p{N}_\\-()]");
  /** Standard_D4s_v5, Standard_NC24ads_A100_v4, Basic_A1. */
  private static final Pattern VM_SIZE = Pattern.compile("(Standard|Basic)_[A-Za-z0-9_-]+");

  private AzureValidation() {}

  static List<FieldError> validate(ClusterRequest request) {
    List<FieldError> errors = new ArrayList<>();
    Settings infrastructure = request.infrastructure();
    check(infrastructure.string("subscriptionID"), UUID, "spec.infrastructure.subscriptionID",
        "is not a subscription id (a UUID such as 00000000-0000-0000-0000-000000000000)", errors);
    check(infrastructure.string("location"), LOCATION, "spec.infrastructure.location",
        "is not an Azure location name: lower case, no spaces, e.g. westeurope", errors);
    check(infrastructure.string("resourceGroup"), RESOURCE_GROUP, "spec.infrastructure.resourceGroup",
        "is not a resource group name: letters, digits, _-.() up to 90 characters, not ending in '.'", errors);
    for (NodePool pool : request.allPools()) {
      check(pool.machine().string("vmSize"), VM_SIZE, pool.path() + ".machine.vmSize",
          "is not an Azure VM size such as Standard_D4s_v5", errors);
    }
    return errors;
  }

  private static void check(
      Optional<String> value, Pattern pattern, String path, String problem, List<FieldError> errors) {
    value.filter(text -> !pattern.matcher(text).matches())
        .ifPresent(text -> errors.add(new FieldError(path, "'" + text + "' " + problem)));
  }
}
