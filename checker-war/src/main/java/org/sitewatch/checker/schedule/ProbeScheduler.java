package org.sitewatch.checker.schedule;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.sitewatch.checker.probe.Prober;
import org.sitewatch.checker.publish.ResultPublisher;
import org.sitewatch.checker.site.Site;

/**
 * One non-persistent EJB interval timer per site. The timer callback only starts the probe; the
 * probe runs asynchronously, so a slow site never holds a timer thread.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ProbeScheduler {

  private static final Logger LOG = Logger.getLogger(ProbeScheduler.class.getName());

  @Resource private TimerService timerService;
  @Inject private SiteCatalog catalog;
  @Inject private Prober prober;
  @Inject private ResultPublisher publisher;

  private final Map<String, Site> sites = new ConcurrentHashMap<>();

  @PostConstruct
  void start() {
    List<Site> loaded;
    try {
      loaded = catalog.load();
    } catch (RuntimeException e) {
      // Startup must fail, and the operator must see why without digging through a stack trace.
      LOG.log(Level.SEVERE, "Sitewatch cannot start: invalid sites file\n{0}", e.getMessage());
      throw e;
    }
    loaded.forEach(this::schedule);
    LOG.log(
        Level.INFO, "Scheduled {0} sites from {1}", new Object[] {loaded.size(), catalog.file()});
  }

  private void schedule(Site site) {
    prober.prepare(site);
    sites.put(site.id(), site);
    long delay = FirstProbeSpread.initialDelayMillis(site.id(), site.interval());
    timerService.createIntervalTimer(
        delay, site.interval().toMillis(), new TimerConfig(site.id(), false));
  }

  @Timeout
  void onTimer(Timer timer) {
    Site site = sites.get((String) timer.getInfo());
    if (site == null) {
      timer.cancel();
      return;
    }
    prober.probe(site).thenAccept(publisher::publish);
  }

  public int scheduledCount() {
    return sites.size();
  }
}
