package dev.fulcrum.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Finds credential material in a rendered JSON-like tree: a value under a field named like a
 * password, secret, token or key material, or anything that looks like a private key. A field that
 * only names or references such a thing ({@code secretName}, {@code tokenRef}) is fine.
 */
public final class CredentialScan {
  private static final Pattern CREDENTIAL_FIELD = Pattern.compile(
      "password|passwd|secret|token|privatekey|keymaterial|accesskey|apikey|credential");
  private static final Pattern REFERENCE_FIELD = Pattern.compile("(name|ref|namespace|kind|names)$");

  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private CredentialScan() {}

  /**
   * One {@code path: reason} line per finding; empty when the tree carries no credential value.
   *
   * @param tree a JSON-like tree of maps, lists and scalars, or a Jackson tree
   */
  public static List<String> findings(String path, Object tree) {
    List<String> findings = new ArrayList<>();
    scan(path, tree instanceof JsonNode json ? YAML.convertValue(json, Object.class) : tree, findings);
    return findings;
  }

  /**
   * Findings in a text such as a file written to nodes: YAML documents in it are scanned field by
   * field, any other text for private keys.
   */
  public static List<String> findingsInText(String path, String text) {
    List<String> findings = new ArrayList<>();
    for (Object document : yamlDocuments(text)) {
      scan(path, document, findings);
    }
    scan(path, text, findings);
    return findings;
  }

  private static List<Object> yamlDocuments(String text) {
    try (MappingIterator<Object> documents = YAML.readerFor(Object.class).readValues(text)) {
      return documents.readAll();
    } catch (JacksonException notYaml) {
      return List.of(); // a shell script or other text: only the private-key check applies
    }
  }

  private static void scan(String path, Object node, List<String> findings) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((key, value) -> {
        String field = String.valueOf(key);
        String childPath = path + "." + field;
        if (value instanceof String text && !text.isEmpty() && namesCredential(field)) {
          findings.add(childPath + ": a value under a credential-like field name");
        }
        scan(childPath, value, findings);
      });
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        scan(path + "[" + i + "]", list.get(i), findings);
      }
    } else if (node instanceof String text && text.contains("PRIVATE KEY-----")) {
      findings.add(path + ": looks like a private key");
    }
  }

  private static boolean namesCredential(String field) {
    String normalized = field.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    return CREDENTIAL_FIELD.matcher(normalized).find() && !REFERENCE_FIELD.matcher(normalized).find();
  }
}
