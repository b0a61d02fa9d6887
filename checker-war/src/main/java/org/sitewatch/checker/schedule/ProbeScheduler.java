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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.sitewatch.checker.catalog.CataloguePublisher;
import org.sitewatch.checker.group.CheckerIdentity;
import org.sitewatch.checker.group.Ownership;
import org.sitewatch.checker.group.SiteOwnership;
import org.sitewatch.checker.metrics.CheckerMetrics;
import org.sitewatch.checker.metrics.ProbeMetrics;
import org.sitewatch.checker.probe.Prober;
import org.sitewatch.checker.publish.ResultPublisher;
import org.sitewatch.checker.site.InvalidSitesFileException;
import org.sitewatch.checker.site.Site;
import org.sitewatch.common.CheckResult;

/**
 * One non-persistent EJB interval timer per site this checker owns. The timer callback only starts
 * the probe; the probe runs asynchronously, so a slow site never holds a timer thread. One more
 * timer polls the sites file and applies its changes without a restart, and another follows the
 * checker group's ownership (a timer, because only the container's own threads may create and
 * cancel timers). The site catalogue follows the sites in the file, at startup and after every
 * applied change.
 *
 * <p>Over 300 lines: timers can only be created and cancelled by the bean that owns them, so the
 * per-site timers, the reload and the ownership changes meet in this one bean.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ProbeScheduler {

  private static final Logger LOG = Logger.getLogger(ProbeScheduler.class.getName());

  /** The reload timer's info; site ids cannot contain ':', so it never names a site. */
  private static final String RELOAD = "sitewatch:reload-sites-file";

  private static final String FOLLOW = "sitewatch:follow-ownership";

  /** How soon a change of ownership reaches the timers. */
  private static final long FOLLOW_EVERY_MILLIS = 100;

  @Resource private TimerService timerService;
  @Inject private SiteCatalog catalog;
  @Inject private Prober prober;
  @Inject private ResultPublisher publisher;
  @Inject private ProbesInFlight inFlight;
  @Inject private ProbeMetrics probeMetrics;
  @Inject private CheckerMetrics checkerMetrics;
  @Inject private CataloguePublisher catalogue;
  @Inject private SiteOwnership ownership;
  @Inject private CheckerIdentity identity;

  /** Every site of the sites file; only those owned have a timer. */
  private final Map<String, Site> sites = new ConcurrentHashMap<>();

  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  /**
   * The sites whose timer is made or being made: a timer whose first due time has already passed
   * fires before it is in {@link #timers}, and is current all the same.
   */
  private final Set<String> scheduled = ConcurrentHashMap.newKeySet();

  /** The reload and the ownership timer both change the timers: one at a time. */
  private final Object timersLock = new Object();

  private long followedVersion = -1;

  /**
   * The latest due time of a probe started here, or when the timers began: every owned site's probe
   * due before it was started, which is what a hand-over tells the next owner.
   */
  private final AtomicLong startedUntil = new AtomicLong();

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
    loaded.forEach(site -> sites.put(site.id(), site));
    startedUntil.set(System.currentTimeMillis());
    catalogue.publish(loaded);
    ownership.start();
    timerService.createIntervalTimer(
        FOLLOW_EVERY_MILLIS, FOLLOW_EVERY_MILLIS, new TimerConfig(FOLLOW, false));
    long every = catalog.reloadInterval().toMillis();
    timerService.createIntervalTimer(every, every, new TimerConfig(RELOAD, false));
    LOG.log(
        Level.INFO,
        "Read {0} sites from {1}; probing those the checker group {2} assigns this checker ({3})",
        new Object[] {loaded.size(), catalog.file(), ownership.group(), identity.id()});
  }

  /**
   * Timers for exactly the owned sites, each at its fixed phase.
   *
   * @return until when every probe of the sites stopped was started: taken before stopping any, so
   *     that a probe the next owner makes late is never one missed here, at worst one made twice
   */
  private Instant follow(Ownership owned) {
    Instant probedUntil = probedUntil();
    long now = System.currentTimeMillis();
    List<Site> gained = new ArrayList<>();
    int stopped = 0;
    for (Site site : sites.values()) {
      boolean mine = owned.owns(site.id());
      if (mine && !timers.containsKey(site.id())) {
        gained.add(site);
      } else if (!mine && timers.containsKey(site.id())) {
        stopTimer(site.id());
        stopped++;
      }
    }
    // The probes missed while these sites changed hands first, at once; their timers can wait.
    for (Site site : gained) {
      prober.prepare(site);
      owned
          .handedOverAt(site.id())
          .flatMap(from -> missedDue(site, from, now))
          .ifPresent(due -> startProbe(site, due));
    }
    for (Site site : gained) {
      startTimer(site, now);
    }
    if (!gained.isEmpty() || stopped > 0) {
      LOG.log(
          Level.INFO,
          "Ownership generation {0}: started {1} sites, stopped {2}; probing {3} of {4}",
          new Object[] {owned.generation(), gained.size(), stopped, timers.size(), sites.size()});
    }
    return probedUntil;
  }

  /** Just after the latest due time of a probe started here. */
  private Instant probedUntil() {
    return Instant.ofEpochMilli(startedUntil.get() + 1);
  }

  /**
   * The site's last due time after {@code from} (when its previous owner stopped) and before {@code
   * now} (from when its timer here covers it), if any: made once, late.
   */
  private static Optional<Instant> missedDue(Site site, Instant from, long now) {
    long interval = site.schedule().interval().toMillis();
    long first =
        from.toEpochMilli()
            + FirstProbeSpread.initialDelayMillis(
                site.id(), site.schedule().interval(), from.toEpochMilli());
    if (first >= now) {
      return Optional.empty();
    }
    return Optional.of(Instant.ofEpochMilli(first + (now - 1 - first) / interval * interval));
  }

  /** The site's timer, from its first due time at or after {@code now}, at its fixed phase. */
  private void startTimer(Site site, long now) {
    Duration interval = site.schedule().interval();
    Date first = new Date(now + FirstProbeSpread.initialDelayMillis(site.id(), interval, now));
    scheduled.add(site.id());
    Timer timer =
        timerService.createIntervalTimer(
            first, interval.toMillis(), new TimerConfig(site.id(), false));
    timers.put(site.id(), timer);
  }

  private void stopTimer(String siteId) {
    probeMetrics.forget(siteId);
    scheduled.remove(siteId);
    Timer timer = timers.remove(siteId);
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
    if (FOLLOW.equals(timer.getInfo())) {
      followOwnership();
      return;
    }
    String siteId = (String) timer.getInfo();
    Site site = sites.get(siteId);
    Timer current = timers.get(siteId);
    if (site == null || !scheduled.contains(siteId) || current != null && !current.equals(timer)) {
      timer.cancel();
      return;
    }
    startProbe(site, dueAt(timer, site));
  }

  private void startProbe(Site site, Instant due) {
    // Every attempt may take the whole timeout: that is how long shutdown waits for this probe.
    boolean started =
        inFlight.start(
            site.id(),
            site.schedule().timeout().multipliedBy(site.maxAttempts()),
            () -> prober.probe(site, due).thenAccept(this::handOn));
    if (started && due != null) {
      startedUntil.accumulateAndGet(due.toEpochMilli(), Math::max);
    }
  }

  /** Published first, so that a failure in counting it can never lose the result. */
  private void handOn(CheckResult result) {
    publisher.publish(result.probedBy(identity.id(), identity.location()));
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

  private void followOwnership() {
    Ownership owned = ownership.current();
    synchronized (timersLock) {
      if (owned.version() == followedVersion) {
        return;
      }
      Instant probedUntil = follow(owned);
      followedVersion = owned.version();
      ownership.applied(owned.version(), probedUntil);
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
    synchronized (timersLock) {
      change.removed().forEach(site -> sites.remove(site.id()));
      change.removed().forEach(site -> stopTimer(site.id()));
      // A new interval needs a new timer, which follow() starts.
      change.rescheduled().forEach(site -> stopTimer(site.id()));
      change.rescheduled().forEach(site -> sites.put(site.id(), site));
      change.added().forEach(site -> sites.put(site.id(), site));
      change.updated().forEach(site -> sites.put(site.id(), site));
      follow(ownership.current().settled());
    }
    catalogue.publish(next.get());
    LOG.log(
        Level.INFO,
        "Applied the changed sites file {0}: {1}; probing {2} of its {3} sites",
        new Object[] {catalog.file(), change, timers.size(), sites.size()});
  }

  /**
   * Timers stop, then the checker leaves its group, telling the others when it stopped: they make
   * every probe due from then on, none twice. Probes in flight finish and hand their results on
   * before the publisher stops.
   */
  @PreDestroy
  void stop() {
    Instant probedUntil = probedUntil();
    for (Timer timer : timers.values()) {
      try {
        timer.cancel();
      } catch (RuntimeException e) {
        // the container may have cancelled it already: stopped either way
      }
    }
    ownership.leave(probedUntil);
    inFlight.stop();
  }

  /** The sites this checker probes: those it owns. */
  public int scheduledCount() {
    return timers.size();
  }

  /** Every site of the sites file, owned here or not. */
  public int siteCount() {
    return sites.size();
  }
}
