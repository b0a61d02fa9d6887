package org.sitewatch.systemtest;

import org.junit.jupiter.api.Test;

/**
 * Both servers answer on their HTTPS ports too, with the certificate each made for itself at first
 * start. The test trusts whatever certificate it is shown: what it checks is that the ports work,
 * not who signed them.
 */
class HttpsIT {

  @Test
  void bothServersAnswerOverHttps() throws Exception {
    for (String server : new String[] {"checker", "persister"}) {
      AnyCertificate.assertReadyOverHttps(
          server, Integer.parseInt(System.getProperty("st." + server + ".https.port")));
    }
  }
}
