#include "core/sim/LoadBalancerBehavior.h"

#include <fmt/format.h>

namespace scalelab::core::sim {

namespace {
constexpr std::uint32_t kHealthTimer = 1;
}

void LoadBalancerBehavior::init()
{
    for (std::uint32_t l : m_kernel.outLinks(m_index))
        m_backends.push_back({l, m_kernel.link(l).to, m_kernel.link(l).weight});
    reconfigure();
    m_kernel.schedule(m_kernel.now() + m_interval, EventType::Timer, m_index, kHealthTimer);
}

void LoadBalancerBehavior::reconfigure()
{
    QueueStation::reconfigure();
    const Node& n = node();
    const std::string algorithm = n.text("algorithm");
    m_algorithm = algorithm == "random"              ? Algorithm::Random
                  : algorithm == "least_connections" ? Algorithm::LeastConnections
                  : algorithm == "weighted"          ? Algorithm::Weighted
                                                     : Algorithm::RoundRobin;
    m_interval = std::max<SimTime>(1, fromSeconds(n.number("health_check_interval_s")));
    m_unhealthyThreshold = n.integer("unhealthy_threshold");
    m_healthyThreshold = n.integer("healthy_threshold");
    m_retry = n.flag("retry_on_failure");
    m_sticky = n.flag("sticky_sessions");
}

std::uint32_t LoadBalancerBehavior::pick(std::uint32_t exclude)
{
    const auto n = static_cast<std::uint32_t>(m_backends.size());
    auto eligible = [&](std::uint32_t i) { return i != exclude && m_backends[i].inRotation; };
    switch (m_algorithm) {
    case Algorithm::RoundRobin:
        for (std::uint32_t k = 0; k < n; ++k) {
            const std::uint32_t i = (m_next + k) % n;
            if (eligible(i)) {
                m_next = (i + 1) % n;
                return i;
            }
        }
        return kNone;
    case Algorithm::LeastConnections: {
        // Ties go round robin, so equal backends share evenly.
        std::uint32_t best = kNone;
        for (std::uint32_t k = 0; k < n; ++k) {
            const std::uint32_t i = (m_next + k) % n;
            if (eligible(i) &&
                (best == kNone || m_backends[i].outstanding < m_backends[best].outstanding))
                best = i;
        }
        if (best != kNone)
            m_next = (best + 1) % n;
        return best;
    }
    case Algorithm::Random:
    case Algorithm::Weighted: {
        const bool weighted = m_algorithm == Algorithm::Weighted;
        double total = 0;
        for (std::uint32_t i = 0; i < n; ++i)
            if (eligible(i))
                total += weighted ? m_backends[i].weight : 1.0;
        if (total <= 0)
            return kNone;
        double u = uniform01(m_kernel.rng(m_index)) * total;
        std::uint32_t last = kNone;
        for (std::uint32_t i = 0; i < n; ++i) {
            if (!eligible(i))
                continue;
            last = i;
            u -= weighted ? m_backends[i].weight : 1.0;
            if (u < 0)
                return i;
        }
        return last;
    }
    }
    return kNone;
}

std::uint32_t LoadBalancerBehavior::pickSticky(std::uint32_t user)
{
    if (auto it = m_pins.find(user); it != m_pins.end() && m_backends[it->second].inRotation)
        return it->second;
    const std::uint32_t backend = pick(kNone);
    if (backend != kNone)
        m_pins[user] = backend;
    return backend;
}

void LoadBalancerBehavior::send(std::uint32_t frame, std::uint32_t backend)
{
    m_kernel.frames()[frame].aux = backend;
    ++m_backends[backend].outstanding;
    m_kernel.call(frame, m_backends[backend].link, m_backends[backend].node);
}

void LoadBalancerBehavior::served(std::uint32_t frame)
{
    const std::uint32_t backend =
        m_sticky ? pickSticky(m_kernel.frames()[frame].user) : pick(kNone);
    if (backend == kNone) {
        answer(frame, FailReason::NoBackend);
        return;
    }
    send(frame, backend);
}

void LoadBalancerBehavior::childReturned(std::uint32_t frame, const Frame& child)
{
    Frame& f = m_kernel.frames()[frame];
    const std::uint32_t backend = f.aux;
    if (m_backends[backend].outstanding > 0)
        --m_backends[backend].outstanding;
    // A request its client gave up on is not worth another backend.
    if (child.reason != FailReason::None && child.reason != FailReason::Cancelled && m_retry &&
        !(f.flags & kFlagRetried)) {
        const std::uint32_t other = pick(backend);
        if (other != kNone) {
            f.flags |= kFlagRetried;
            send(frame, other);
            return;
        }
    }
    answer(frame, child.reason);
}

void LoadBalancerBehavior::timer(std::uint32_t code)
{
    if (code != kHealthTimer) {
        QueueStation::timer(code);
        return;
    }
    if (m_up)
        healthCheck();
    m_kernel.schedule(m_kernel.now() + m_interval, EventType::Timer, m_index, kHealthTimer);
}

void LoadBalancerBehavior::healthCheck()
{
    // A check is an instant probe of the backend's state: a dead backend is noticed only
    // after `unhealthy_threshold` failed checks in a row, a recovered one after
    // `healthy_threshold` passed ones.
    for (Backend& b : m_backends) {
        if (m_kernel.behavior(b.node).up()) {
            b.failedChecks = 0;
            ++b.passedChecks;
            if (!b.inRotation && b.passedChecks >= m_healthyThreshold) {
                b.inRotation = true;
                m_kernel.logEvent(EventKind::BackendMarkedUp, m_index,
                                  m_kernel.node(b.node).id.str());
            }
        } else {
            b.passedChecks = 0;
            ++b.failedChecks;
            if (b.inRotation && b.failedChecks >= m_unhealthyThreshold) {
                b.inRotation = false;
                m_kernel.logEvent(EventKind::BackendMarkedDown, m_index,
                                  m_kernel.node(b.node).id.str());
            }
        }
    }
}

void LoadBalancerBehavior::fail()
{
    QueueStation::fail();
    for (Backend& b : m_backends)
        b.outstanding = 0; // their answers come back to dropped frames
}

void LoadBalancerBehavior::fillSnapshot(NodeSnapshot& out)
{
    QueueStation::fillSnapshot(out);
    out.backendsInRotation.clear();
    for (const Backend& b : m_backends)
        out.backendsInRotation.push_back(b.inRotation);
}

} // namespace scalelab::core::sim
