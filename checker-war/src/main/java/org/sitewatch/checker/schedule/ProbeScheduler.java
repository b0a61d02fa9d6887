package org.sitewatch.checker.schedule;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.sitewatch.checker.catalog.CataloguePublisher;
import org.sitewatch.checker.metrics.CheckerMetrics;
import org.sitewatch.checker.metrics.ProbeMetrics;
import org.sitewatch.checker.probe.Prober;
import org.sitewatch.checker.publish.ResultPublisher;
import org.sitewatch.checker.site.InvalidSitesFileException;
import org.sitewatch.checker.site.Site;
import org.sitewatch.common.CheckResult;

/**
 * One non-persistent EJB interval timer per site. The timer callback only starts the probe; the
 * probe runs asynchronously, so a slow site never holds a timer thread. One more timer polls the
 * sites file and applies its changes without a restart. The site catalogue follows the sites
 * running, at startup and after every applied change.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ProbeScheduler {

  private static final Logger LOG = Logger.getLogger(ProbeScheduler.class.getName());

  /** The reload timer's info; site ids cannot contain ':', so it never names a site. */
  private static final String RELOAD = "sitewatch:reload-sites-file";

  @Resource private TimerService timerService;
  @Inject private SiteCatalog catalog;
  @Inject private Prober prober;
  @Inject private ResultPublisher publisher;
  @Inject private ProbesInFlight inFlight;
  @Inject private ProbeMetrics probeMetrics;
  @Inject private CheckerMetrics checkerMetrics;
  @Inject private CataloguePublisher catalogue;

  private final Map<String, Site> sites = new ConcurrentHashMap<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

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
    catalogue.publish(loaded);
    long every = catalog.reloadInterval().toMillis();
    timerService.createIntervalTimer(every, every, new TimerConfig(RELOAD, false));
    LOG.log(
        Level.INFO, "Scheduled {0} sites from {1}", new Object[] {loaded.size(), catalog.file()});
  }

  private void schedule(Site site) {
    prober.prepare(site);
    sites.put(site.id(), site);
    long delay = FirstProbeSpread.initialDelayMillis(site.id(), site.schedule().interval());
    Timer timer =
        timerService.createIntervalTimer(
            delay, site.schedule().interval().toMillis(), new TimerConfig(site.id(), false));
    timers.put(site.id(), timer);
  }

  private void unschedule(Site site) {
    sites.remove(site.id());
    probeMetrics.forget(site.id());
    Timer timer = timers.remove(site.id());
    if (timer != null) {
      timer.cancel();
    }
  }

  /** Starting a probe touches no transactional resource: a JTA transaction per tick is waste. */
  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void onTimer(Timer timer) {
    if (RELOAD.equals(timer.getInfo())) {
      reload();
      return;
    }
    Site site = sites.get((String) timer.getInfo());
    if (site == null) {
      timer.cancel();
      return;
    }
    Instant due = dueAt(timer, site);
    // Every attempt may take the whole timeout: that is how long shutdown waits for this probe.
    inFlight.start(
        site.id(),
        site.schedule().timeout().multipliedBy(site.maxAttempts()),
        () -> prober.probe(site, due).thenAccept(this::handOn));
  }

  /** Published first, so that a failure in counting it can never lose the result. */
  private void handOn(CheckResult result) {
    publisher.publish(result);
    probeMetrics.record(result);
  }

  /**
   * When this expiration of the site's timer was due: one interval before its next one. The result
   * carries it, so a late start under overload shows in the data instead of passing unseen.
   */
  private static Instant dueAt(Timer timer, Site site) {
    try {
      return timer.getNextTimeout().toInstant().minus(site.schedule().interval());
    } catch (IllegalStateException | EJBException e) {
      // The timer was cancelled meanwhile (a reload): this last probe runs unscheduled.
      return null;
    }
  }

  private void reload() {
    Optional<List<Site>> next;
    try {
      next = catalog.changed();
    } catch (InvalidSitesFileException e) {
      checkerMetrics.sitesFileRejected();
      LOG.log(
          Level.SEVERE,
          "The sites file changed but is invalid; still running the last good {0} sites\n{1}",
          new Object[] {sites.size(), e.getMessage()});
      return;
    }
    if (next.isEmpty()) {
      return;
    }
    SiteSetChange change = SiteSetChange.between(sites, next.get());
    change.removed().forEach(this::unschedule);
    change.rescheduled().forEach(this::unschedule);
    change.rescheduled().forEach(this::schedule);
    change.added().forEach(this::schedule);
    change.updated().forEach(site -> sites.put(site.id(), site));
    catalogue.publish(next.get());
    LOG.log(
        Level.INFO,
        "Applied the changed sites file {0}: {1}; {2} sites scheduled",
        new Object[] {catalog.file(), change, sites.size()});
  }

  /** Timers stop; probes in flight finish and hand their results on before the publisher stops. */
  @PreDestroy
  void stop() {
    for (Timer timer : timers.values()) {
      try {
        timer.cancel();
      } catch (RuntimeException e) {
        // the container may have cancelled it already: stopped either way
      }
    }
    inFlight.stop();
  }

  public int scheduledCount() {
    return sites.size();
  }
}
