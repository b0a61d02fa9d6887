package org.sitewatch.systemtest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocketFactory;

/**
 * Server certificates for the TLS scenarios, made at test time with the JDK's own {@code keytool}
 * (no library needed): each has 127.0.0.1 as its subject alternative name, so the certificate's own
 * flaw is the only thing wrong with it.
 */
final class HostileCertificates {

  private HostileCertificates() {}

  /** Self-signed and valid for 30 days: trusted by nobody. */
  static SSLServerSocketFactory selfSigned() throws IOException, GeneralSecurityException {
    return serverSockets("-validity", "30");
  }

  /** Valid from 30 days ago for 10 days: expired 20 days ago. */
  static SSLServerSocketFactory expired() throws IOException, GeneralSecurityException {
    return serverSockets("-startdate", "-30d", "-validity", "10");
  }

  private static SSLServerSocketFactory serverSockets(String... validity)
      throws IOException, GeneralSecurityException {
    Path dir = Files.createTempDirectory("sitewatch-tls");
    Path keystore = dir.resolve("server.p12");
    // A throwaway password for a throwaway key store, never written anywhere else.
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    char[] password = HexFormat.of().formatHex(random).toCharArray();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "site",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "san=ip:127.0.0.1,dns:localhost",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                new String(password)));
    command.addAll(List.of(validity));
    Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output;
    try (InputStream in = keytool.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try {
      if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
        throw new IOException("keytool failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while keytool ran", e);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, password);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    Files.delete(keystore);
    Files.delete(dir);
    return context.getServerSocketFactory();
  }
}
