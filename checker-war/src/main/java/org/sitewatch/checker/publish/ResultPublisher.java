package org.sitewatch.checker.publish;

import org.sitewatch.common.CheckResult;

/** Where the checker sends every result it produces. */
public interface ResultPublisher {

  void publish(CheckResult result);
}
