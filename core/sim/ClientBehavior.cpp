#include "core/sim/ClientBehavior.h"

#include <algorithm>
#include <cmath>

#include "core/sim/DnsBehavior.h"

namespace scalelab::core::sim {

namespace {
constexpr std::uint32_t kArrivalTimer = 0;
constexpr std::uint16_t kStepDns = 1;
constexpr std::uint16_t kStepEntry = 2;
} // namespace

void ClientBehavior::init()
{
    const auto& routes = m_kernel.index().source(m_index);
    if (routes.resolver() != TopologyIndex::kNone)
        m_dnsLink = static_cast<std::uint32_t>(routes.resolver());
    if (routes.entry() != TopologyIndex::kNone)
        m_entryLink = static_cast<std::uint32_t>(routes.entry());
    if (routes.edge() != TopologyIndex::kNone)
        m_edgeLink = static_cast<std::uint32_t>(routes.edge());
    // Read once: the kernel's session table is sized for the users at the start.
    m_users = static_cast<double>(std::max<std::int64_t>(1, node().integer("users")));
    if (routes.geo) {
        m_geoDns =
            dynamic_cast<const DnsBehavior*>(&m_kernel.behavior(m_kernel.link(m_dnsLink).to));
        for (std::size_t k : routes.preference)
            m_preference.push_back(static_cast<std::uint32_t>(k));
    }
    reconfigure();
}

void ClientBehavior::reconfigure()
{
    const Node& n = node();
    m_rate = n.number("rate_rps");
    m_meanGapNs = m_rate > 0 ? 1e9 / m_rate : 0.0;
    m_poisson = n.text("arrival") != "constant";
    m_readRatio = n.number("read_ratio");
    m_timeout = fromMs(n.number("timeout_ms"));
    m_dnsRatio = m_dnsLink == kNone ? 0.0 : n.number("dns_lookup_ratio");
    m_retries = static_cast<std::uint32_t>(std::max<std::int64_t>(0, n.integer("retries")));
    m_backoffNs = n.number("retry_backoff_ms") * 1e6;
    m_dnsTtl = fromSeconds(n.number("dns_ttl_s"));
    const auto keys = static_cast<std::uint64_t>(std::max<std::int64_t>(1, n.integer("key_space")));
    if (m_keys.size() != keys || m_keys.exponent() != n.number("key_skew"))
        m_keys = ZipfSampler(keys, n.number("key_skew"));
    m_staticRatio = n.number("static_ratio");
    const auto objects =
        static_cast<std::uint64_t>(std::max<std::int64_t>(1, n.integer("object_space")));
    if (m_staticRatio > 0 &&
        (m_objects.size() != objects || m_objects.exponent() != n.number("object_skew")))
        m_objects = ZipfSampler(objects, n.number("object_skew"));
    m_direct = m_staticRatio <= 0 && m_dnsRatio <= 0 && !m_geoDns && m_timeout <= 0;
    arm();
}

[[gnu::always_inline]] inline void ClientBehavior::arm()
{
    if (m_armed || !m_up || m_rate <= 0 || m_entryLink == kNone)
        return;
    // A rate near zero gives a gap past what SimTime holds (converting it would be undefined):
    // capped at about 127 years, which is "never" for any run the validator accepts.
    constexpr double kNeverNs = 4e18;
    const double gap = std::min(
        kNeverNs, m_poisson ? unitExponential(m_kernel.rng(m_index)) * m_meanGapNs : m_meanGapNs);
    m_kernel.schedule(m_kernel.now() + static_cast<SimTime>(gap + 0.5), EventType::Timer, m_index,
                      kArrivalTimer);
    m_armed = true;
}

void ClientBehavior::timer(std::uint32_t code)
{
    if (code != kArrivalTimer)
        return;
    m_armed = false;
    if (!m_up || m_rate <= 0)
        return;
    generate();
    arm();
}

[[gnu::always_inline]] inline void ClientBehavior::generate()
{
    const SimTime now = m_kernel.now();
    RandomEngine& rng = m_kernel.rng(m_index);
    FramePool& frames = m_kernel.frames();
    const std::uint32_t root = frames.allocate();
    Frame& f = frames[root];
    f.arrivedAt = now;
    f.parent = kNone;
    f.node = m_index;
    f.link = kNone;
    // No draw at all without static requests: files without them keep their numbers.
    const bool isStatic =
        !m_direct && m_staticRatio > 0 && (m_staticRatio >= 1.0 || uniform01(rng) < m_staticRatio);
    if (isStatic) {
        f.cls = RequestClass::Static;
        f.key = m_objects(rng);
    } else {
        f.cls = (m_readRatio >= 1.0 || uniform01(rng) < m_readRatio) ? RequestClass::Read
                                                                     : RequestClass::Write;
        f.key = m_kernel.needKeys() ? m_keys(rng) : 0;
    }
    if (m_kernel.needUsers()) {
        const auto u = static_cast<std::uint32_t>(uniform01(rng) * m_users);
        f.user = m_kernel.firstUser(m_index) + std::min(u, static_cast<std::uint32_t>(m_users) - 1);
    } else {
        f.user = 0;
    }
    f.state = FrameState::Waiting;
    f.flags = 0;
    f.reason = FailReason::None;
    f.aux = 0; // tries so far after the first
    ++m_counters.arrivals;
    m_kernel.metrics().generated(f.cls, now);
    if (m_direct) {
        // What startTry() and sendToEntry() come to without a lookup, a timeout or geo DNS.
        f.step = kStepEntry;
        f.dueAt = now;
        m_kernel.call(root, m_entryLink, m_kernel.link(m_entryLink).to);
        return;
    }
    if (isStatic && m_edgeLink != kNone) {
        startTry(root); // straight to the edge: no lookup, and no draw for one
        return;
    }
    const bool lookup = m_dnsRatio > 0 && (m_dnsRatio >= 1.0 || uniform01(rng) < m_dnsRatio);
    f.step = lookup ? kStepDns : kStepEntry;
    // The user's cached answer (root frames never travel a link, so dueAt is free to hold
    // when it was given): from its last lookup, a uniform time within one TTL ago (users'
    // lookups are spread evenly). A lookup's answer is fresh when it returns. Drawn only
    // behind a geo DNS, where answers can differ: other files keep their numbers.
    f.dueAt = now;
    if (!lookup && m_geoDns && m_geoDns->geo() && m_dnsTtl > 0)
        f.dueAt -= static_cast<SimTime>(uniform01(rng) * static_cast<double>(m_dnsTtl));
    startTry(root);
}

[[gnu::always_inline]] inline void ClientBehavior::startTry(std::uint32_t frame)
{
    Frame& f = m_kernel.frames()[frame];
    // timeout_ms bounds each try: the per-request deadline of an HTTP client.
    if (m_timeout > 0)
        m_kernel.scheduleOnLane(m_kernel.timeoutLane(m_index), m_kernel.now() + m_timeout,
                                EventType::Timeout, frame, f.gen);
    if (f.cls == RequestClass::Static && m_edgeLink != kNone) {
        sendStatic(frame);
        return;
    }
    if (f.step == kStepDns) {
        m_kernel.call(frame, m_dnsLink, m_kernel.link(m_dnsLink).to);
        return;
    }
    sendToEntry(frame); // a retry follows the DNS too: a dead site's users move on
}

void ClientBehavior::retry(std::uint32_t frame)
{
    --m_backingOff;
    startTry(frame); // the step that failed: a failed lookup looks up again
}

void ClientBehavior::sendStatic(std::uint32_t root)
{
    // Straight to the edge (its address comes with the page; no lookup of its own). A CDN
    // that is down and falls back passes the request to its origin over the same path.
    m_kernel.frames()[root].step = kStepEntry;
    const std::uint32_t edge = m_kernel.link(m_edgeLink).to;
    const NodeBehavior& cdn = m_kernel.behavior(edge);
    const std::uint32_t target = cdn.up() ? edge : cdn.bypass();
    m_kernel.call(root, m_edgeLink, target == kNone ? edge : target);
}

[[gnu::always_inline]] inline std::uint32_t ClientBehavior::entryFor(SimTime answeredAt) const
{
    if (!m_geoDns || !m_geoDns->geo() || !m_geoDns->changed())
        return m_entryLink;
    for (std::uint32_t k : m_preference)
        if (m_geoDns->believedUp(m_kernel.link(k).to, answeredAt))
            return k;
    return m_entryLink; // every entry believed down: the answer is still the home one
}

[[gnu::always_inline]] inline void ClientBehavior::sendToEntry(std::uint32_t frame)
{
    Frame& f = m_kernel.frames()[frame];
    f.step = kStepEntry;
    // A retry keeps the user's answer while it is cached; once expired, the name is looked
    // up again (on demand) and the answer is fresh.
    const SimTime now = m_kernel.now();
    if (now - f.dueAt >= m_dnsTtl)
        f.dueAt = now;
    const std::uint32_t link = entryFor(f.dueAt);
    m_kernel.call(frame, link, m_kernel.link(link).to);
}

void ClientBehavior::childReturned(std::uint32_t frame, const Frame& child)
{
    Frame& f = m_kernel.frames()[frame];
    if (child.reason != FailReason::None) {
        finish(frame, child.reason);
    } else if (f.step == kStepDns) {
        f.dueAt = m_kernel.now(); // a fresh answer
        sendToEntry(frame);
    } else {
        finish(frame, FailReason::None);
    }
}

void ClientBehavior::timeout(std::uint32_t frame)
{
    finish(frame, FailReason::Timeout);
}

void ClientBehavior::finish(std::uint32_t frame, FailReason reason)
{
    // Children still out come back to a released frame and are dropped (generation check).
    Frame& f = m_kernel.frames()[frame];
    const SimTime now = m_kernel.now();
    if (reason != FailReason::None && f.aux < m_retries) {
        // Exponential backoff with jitter: try k waits retry_backoff_ms * 2^(k-1), times a
        // uniform factor in [0.5, 1.5) so that clients failed together do not return
        // together. The old try is orphaned: its late answer and timeout are dropped.
        const double delay = m_backoffNs * std::ldexp(0.5 + uniform01(m_kernel.rng(m_index)),
                                                      static_cast<int>(f.aux));
        ++f.aux;
        ++m_backingOff;
        m_kernel.frames().renew(frame);
        m_kernel.metrics().retried(now);
        m_kernel.schedule(now + static_cast<SimTime>(delay + 0.5), EventType::Retry, frame, f.gen);
        return;
    }
    if (reason == FailReason::None) {
        ++m_counters.completed;
        ++m_counters.responses; // a client's mean response is its requests' end-to-end mean
        m_counters.responseSumNs += static_cast<double>(now - f.arrivedAt);
        m_kernel.metrics().completed(f.cls, now - f.arrivedAt, now);
    } else {
        m_kernel.metrics().failed(reason, f.cls, f.arrivedAt, now);
    }
    m_kernel.frames().release(frame);
}

void ClientBehavior::accept(std::uint32_t frame)
{
    m_kernel.respond(frame, FailReason::Refused); // nothing sends requests to a client
}

void ClientBehavior::fail()
{
    // Users who go away stop sending; requests already sent still complete.
    if (!m_up)
        return;
    m_up = false;
    m_upTime.set(m_kernel.now(), 0.0);
}

void ClientBehavior::recover()
{
    NodeBehavior::recover();
    arm();
}

void ClientBehavior::fillSnapshot(NodeSnapshot& out)
{
    NodeBehavior::fillSnapshot(out);
    out.retrying = m_backingOff;
}

void ClientBehavior::fillResults(NodeResults& out) const
{
    NodeBehavior::fillResults(out);
    out.utilization = 0;
    out.meanQueueLength = 0;
}

} // namespace scalelab::core::sim
