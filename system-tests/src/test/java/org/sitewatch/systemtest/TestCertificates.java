package org.sitewatch.systemtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the scenario site's short-lived TLS certificate before the build starts anything: a
 * self-made certificate for localhost and 127.0.0.1 valid for {@link #VALID_DAYS} days, in the
 * target's key store, and the same certificate in a trust store the test checker trusts (through
 * {@code javax.net.ssl.trustStore}), so that its expiry, not its issuer, is what the checks see.
 * {@code TestCertificates <dir>}; made with the JDK's own keytool.
 */
public final class TestCertificates {

  static final int VALID_DAYS = 5;
  static final String KEY_STORE = "target.p12";
  static final String TRUST_STORE = "trust.p12";

  /** A certificate that expired days ago and that nobody trusts: an invalid chain. */
  static final String EXPIRED_KEY_STORE = "expired.p12";

  /** The expired certificate's validity ended this many days ago. */
  static final int EXPIRED_DAYS_AGO = 5;

  /** Only guards throwaway test stores; nothing is secret here. */
  static final String STORE_PASSWORD = "sitewatch-test";

  private TestCertificates() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    for (String file : List.of(KEY_STORE, TRUST_STORE, EXPIRED_KEY_STORE, "target.cer")) {
      Files.deleteIfExists(dir.resolve(file));
    }
    keyPair(dir.resolve(KEY_STORE), "target");
    keytool(
        "-exportcert",
        "-alias",
        "target",
        "-keystore",
        dir.resolve(KEY_STORE).toString(),
        "-storepass",
        STORE_PASSWORD,
        "-file",
        dir.resolve("target.cer").toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "target",
        "-file",
        dir.resolve("target.cer").toString(),
        "-keystore",
        dir.resolve(TRUST_STORE).toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        STORE_PASSWORD);
    keyPair(
        dir.resolve(EXPIRED_KEY_STORE),
        "expired",
        "-startdate",
        "-" + (VALID_DAYS + EXPIRED_DAYS_AGO) + "d");
    System.out.println("Test certificate valid for " + VALID_DAYS + " days in " + dir);
  }

  /**
   * A key pair with a self-signed certificate for localhost and 127.0.0.1, valid for {@link
   * #VALID_DAYS} days from now, or from {@code -startdate} when {@code options} give one.
   */
  private static void keyPair(Path store, String alias, String... options)
      throws IOException, InterruptedException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-genkeypair",
                "-alias",
                alias,
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                String.valueOf(VALID_DAYS),
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                STORE_PASSWORD));
    args.addAll(List.of(options));
    keytool(args.toArray(String[]::new));
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).inheritIO().start();
    int exit = process.waitFor();
    if (exit != 0) {
      throw new IOException("keytool " + args[0] + " failed with exit code " + exit);
    }
  }
}
