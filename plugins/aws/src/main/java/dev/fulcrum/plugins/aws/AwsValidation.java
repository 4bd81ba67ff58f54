package dev.fulcrum.plugins.aws;

import dev.fulcrum.spi.ClusterRequest;
import dev.fulcrum.spi.FieldError;
import dev.fulcrum.spi.NodePool;
import dev.fulcrum.spi.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The AWS naming rules the JSON schemas leave to readable messages. */
final class AwsValidation {
  /** us-east-1, eu-central-2, us-gov-west-1, cn-north-1, us-isob-east-1, ... */
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d{1,2}");
  /** family[generation][attributes].size: m6i.large, u-6tb1.112xlarge, mac2-m2pro.metal. */
  private static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9-]+");
  private static final Pattern AMI_ID = Pattern.compile("ami-([0-9a-f]{8}|[0-9a-f]{17})");
  /** IAM names: letters, digits and +=,.@_- */
  private static final Pattern IAM_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");
  private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x20-\\x7E]+");

  private AwsValidation() {}

  static List<FieldError> validate(ClusterRequest request) {
    List<FieldError> errors = new ArrayList<>();
    Settings infrastructure = request.infrastructure();
    check(infrastructure.string("region"), REGION, "spec.infrastructure.region",
        "is not an AWS region name such as eu-west-1 or us-gov-west-1", errors);
    check(infrastructure.string("sshKeyName"), PRINTABLE_ASCII, "spec.infrastructure.sshKeyName",
        "is not an EC2 key pair name (printable ASCII)", errors);
    for (NodePool pool : request.allPools()) {
      Settings machine = pool.machine();
      String path = pool.path() + ".machine";
      check(machine.string("instanceType"), INSTANCE_TYPE, path + ".instanceType",
          "is not an EC2 instance type such as m6i.large", errors);
      check(machine.object("ami").string("id"), AMI_ID, path + ".ami.id",
          "is not an AMI id (ami- followed by 8 or 17 hex digits)", errors);
      check(machine.string("iamInstanceProfile"), IAM_NAME, path + ".iamInstanceProfile",
          "is not an IAM instance profile name (up to 128 letters, digits and +=,.@_-)", errors);
    }
    return errors;
  }

  private static void check(
      Optional<String> value, Pattern pattern, String path, String problem, List<FieldError> errors) {
    value.filter(text -> !pattern.matcher(text).matches())
        .ifPresent(text -> errors.add(new FieldError(path, "'" + text + "' " + problem)));
  }
}
