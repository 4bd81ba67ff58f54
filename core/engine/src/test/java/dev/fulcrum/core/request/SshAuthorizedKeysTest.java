package dev.fulcrum.core.request;

import static dev.fulcrum.core.request.Requests.errors;
import static dev.fulcrum.core.request.Requests.keys;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.spi.FieldError;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** spec.sshAuthorizedKeys: OpenSSH public keys checked down to their wire format, never echoed. */
class SshAuthorizedKeysTest {
  private static final String PATH = "spec.sshAuthorizedKeys[1]";
  private static final String KEY_TYPE_NAMES = "ssh-ed25519|ssh-rsa|ssh-dss|ecdsa-sha2-nistp\\d+|nistp\\d+";

  private final RequestReader reader = TestProvider.readerFor(TestProvider.lab());

  /** The valid request with {@code key} as its second SSH key. */
  private static ObjectNode withKey(String key) {
    ObjectNode request = Requests.valid();
    keys(request).add(key);
    return request;
  }

  static Stream<String> acceptedKeys() {
    return Stream.of(
        OpenSshKeys.ed25519(),
        OpenSshKeys.ecdsa(256),
        OpenSshKeys.ecdsa(384),
        OpenSshKeys.ecdsa(521),
        OpenSshKeys.rsa(2048));
  }

  @ParameterizedTest
  @MethodSource("acceptedKeys")
  void acceptsSupportedKeyTypes(String key) {
    assertThat(reader.read(Requests.json(withKey(key))).sshAuthorizedKeys()).containsExactly(Requests.ED25519_KEY, key);
  }

  @Test
  void acceptsAKeyWithoutCommentAndStripsSurroundingWhitespace() {
    String bare = OpenSshKeys.ed25519().replace(" test@example.com", "");

    assertThat(reader.read(Requests.json(withKey("  " + bare + "\n"))).sshAuthorizedKeys())
        .containsExactly(Requests.ED25519_KEY, bare);
  }

  @Test
  void refusesRsaKeysShorterThan2048Bits() {
    assertThat(errors(reader, withKey(OpenSshKeys.rsa(1024))))
        .containsExactly(
            new FieldError(
                PATH,
                "is not a valid ssh-rsa key: an RSA key needs at least 2048 bits, this one has 1024; generate a new"
                    + " one with ssh-keygen -t ed25519"));
  }

  static Stream<Arguments> malformedKeys() {
    byte[] key32 = new byte[32];
    new Random(7).nextBytes(key32);
    byte[] point = new byte[65];
    point[0] = 4;
    return Stream.of(
        Arguments.of(
            OpenSshKeys.line("ssh-ed25519", OpenSshKeys.text("ssh-rsa"), key32),
            "is not a valid ssh-ed25519 key: the key data holds a different key type than the line names"),
        Arguments.of(
            OpenSshKeys.line("ssh-ed25519", OpenSshKeys.text("ssh-ed25519"), new byte[31]),
            "is not a valid ssh-ed25519 key: an Ed25519 key is 32 bytes long"),
        Arguments.of(
            OpenSshKeys.line("ssh-ed25519", OpenSshKeys.text("ssh-ed25519"), key32, new byte[1]),
            "is not a valid ssh-ed25519 key: there is extra data after the key"),
        Arguments.of(
            "ssh-ed25519 " + Base64.getEncoder().encodeToString(OpenSshKeys.blob(OpenSshKeys.text("ssh-ed25519"))),
            "is not a valid ssh-ed25519 key: the key data is cut short"),
        Arguments.of(
            OpenSshKeys.line(
                "ecdsa-sha2-nistp256", OpenSshKeys.text("ecdsa-sha2-nistp256"), OpenSshKeys.text("nistp384"), point),
            "is not a valid ecdsa-sha2-nistp256 key: the curve does not match the key type"),
        Arguments.of(
            OpenSshKeys.line(
                "ecdsa-sha2-nistp256",
                OpenSshKeys.text("ecdsa-sha2-nistp256"),
                OpenSshKeys.text("nistp256"),
                new byte[64]),
            "is not a valid ecdsa-sha2-nistp256 key: the curve point is not an uncompressed point of nistp256"),
        Arguments.of(
            OpenSshKeys.line("ssh-rsa", OpenSshKeys.text("ssh-rsa"), new byte[] {1, 0, 1}, new byte[] {(byte) 0x80, 1}),
            "is not a valid ssh-rsa key: a key number is not positive"),
        Arguments.of(
            "ssh-ed25519 AAAA%%%%notbase64 x", "is not a valid ssh-ed25519 key: the key data is not valid base64"),
        Arguments.of("ssh-ed25519", "has no key data after 'ssh-ed25519'"),
        Arguments.of(
            "ssh-dss AAAAB3NzaC1kc3MAAACBAP1/U4EddRIpUt9KnC7s5Of2EbdSPO9EAMMeP4C2USZpRV1AIlH7WT2NWPq/xfW6MPbLm1Vs14E7",
            "has key type 'ssh-dss', which is not accepted; use ssh-ed25519, ecdsa-sha2-nistp256, ecdsa-sha2-nistp384,"
                + " ecdsa-sha2-nistp521, or ssh-rsa of at least 2048 bits"),
        Arguments.of(
            "no-pty " + Requests.ED25519_KEY,
            "must be an OpenSSH public key line 'TYPE BASE64-KEY [COMMENT]' of type ssh-ed25519, ecdsa-sha2-nistp256,"
                + " ecdsa-sha2-nistp384, ecdsa-sha2-nistp521, or ssh-rsa of at least 2048 bits (no options before"
                + " the type)"),
        Arguments.of(
            Requests.ED25519_KEY + "\n" + Requests.ED25519_KEY,
            "must be a single line holding one key; give each key as its own list item"),
        Arguments.of(
            "---- BEGIN SSH2 PUBLIC KEY ----\n"
                + OpenSshKeys.keyData(Requests.ED25519_KEY)
                + "\n---- END SSH2 PUBLIC KEY ----",
            "is a public key in PEM or RFC 4716 format; give it as one OpenSSH line 'ssh-ed25519 AAAA… comment'"
                + " (ssh-keygen -i -f FILE converts it)"));
  }

  @ParameterizedTest
  @MethodSource("malformedKeys")
  void refusesMalformedKeysWithoutEchoingThem(String key, String message) {
    InvalidRequestException refused = Requests.invalid(reader, Requests.json(withKey(key)));

    assertThat(refused.errors()).containsExactly(new FieldError(PATH, message));
    assertNoKeyMaterialIn(refused, key);
  }

  static Stream<String> privateKeys() throws NoSuchAlgorithmException {
    byte[] openSshBody = new byte[400];
    new Random(42).nextBytes(openSshBody);
    System.arraycopy("openssh-key-v1\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, openSshBody, 0, 15);
    String openSsh = Base64.getMimeEncoder(70, new byte[] {'\n'}).encodeToString(openSshBody);
    String pkcs8 =
        Base64.getMimeEncoder(64, new byte[] {'\n'})
            .encodeToString(KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate().getEncoded());
    return Stream.of(
        "-----BEGIN OPENSSH PRIVATE KEY-----\n" + openSsh + "\n-----END OPENSSH PRIVATE KEY-----\n",
        "-----BEGIN PRIVATE KEY-----\n" + pkcs8 + "\n-----END PRIVATE KEY-----",
        "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\n" + pkcs8 + "\n-----END RSA PRIVATE KEY-----",
        "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: ops\nPublic-Lines: 2\n" + pkcs8
            + "\nPrivate-Lines: 1\nAAAAIDoTyB2bd0p2wcMkw6uZvbw5vEgHTt5ifOPgpNsRuU8V"
            + "\nPrivate-MAC: 0f1e2d3c4b5a69788796a5b4c3d2e1f0",
        openSsh.replace("\n", ""));
  }

  @ParameterizedTest
  @MethodSource("privateKeys")
  void refusesPrivateKeysSayingTheyMustNeverBeSharedAndNeverEchoesThem(String privateKey) {
    InvalidRequestException refused = Requests.invalid(reader, Requests.json(withKey(privateKey)));

    assertThat(refused.errors())
        .containsExactly(
            new FieldError(
                PATH,
                "is a PRIVATE key, and a private key must never be shared, here or anywhere: treat it as exposed and"
                    + " replace it, then give the public key (the .pub file, e.g. ~/.ssh/id_ed25519.pub)"));
    assertNoKeyMaterialIn(refused, privateKey);
  }

  @Test
  void refusesAPrivateKeyInYamlWithoutEchoingIt() throws NoSuchAlgorithmException {
    String privateKey = privateKeys().findFirst().orElseThrow();
    String yaml =
        Requests.VALID_YAML.replace(
            "  profiles:", "    - |\n" + privateKey.indent(6).stripTrailing() + "\n  profiles:");

    InvalidRequestException refused = Requests.invalid(reader, Requests.utf8(yaml));

    assertThat(refused.errors()).extracting(FieldError::path).containsExactly(PATH);
    assertNoKeyMaterialIn(refused, privateKey);
  }

  /**
   * No 8-character run of the secret's material appears in anything the exception shows. The
   * material is everything but armor and header lines and key type names, which messages may name.
   */
  private static void assertNoKeyMaterialIn(InvalidRequestException refused, String secret) {
    String material =
        secret
            .lines()
            .filter(line -> !line.contains(":") && !line.contains("----"))
            .map(line -> line.replaceAll(KEY_TYPE_NAMES, ""))
            .collect(Collectors.joining())
            .replaceAll("\\s", "");
    String shown = refused.getMessage() + "\n" + refused + "\n" + refused.errors();
    for (int start = 0; start + 8 <= material.length(); start++) {
      assertThat(shown)
          .as("shown text must not contain key material")
          .doesNotContain(material.substring(start, start + 8));
    }
    assertThat(refused.getCause()).isNull();
  }
}
