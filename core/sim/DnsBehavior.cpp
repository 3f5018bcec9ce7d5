#include "core/sim/DnsBehavior.h"

#include <fmt/format.h>

namespace scalelab::core::sim {

void DnsBehavior::init()
{
    // The entry points of every client that resolves here are the nodes it watches.
    const TopologyIndex& index = m_kernel.index();
    m_watched.assign(m_kernel.nodeCount(), false);
    for (std::uint32_t c = 0; c < m_kernel.nodeCount(); ++c) {
        const auto& routes = index.source(c);
        if (routes.resolver() == TopologyIndex::kNone || index.to(routes.resolver()) != m_index)
            continue;
        for (std::size_t k : routes.entries)
            m_watched[index.to(k)] = true;
    }
    QueueStation::init();
}

void DnsBehavior::reconfigure()
{
    QueueStation::reconfigure();
    m_geo = node().text("routing") == "geo";
    m_detect = fromSeconds(node().number("detect_s"));
}

void DnsBehavior::nodeStateChanged(std::uint32_t node, bool up)
{
    if (!m_geo || node >= m_watched.size() || !m_watched[node])
        return;
    if (m_detect <= 0) {
        notice(node, up);
        return;
    }
    const auto code = static_cast<std::uint32_t>(m_pending.size());
    m_pending.push_back({m_kernel.now() + m_detect, node, up});
    m_kernel.schedule(m_kernel.now() + m_detect, EventType::Timer, m_index, code);
}

void DnsBehavior::timer(std::uint32_t code)
{
    if (code < m_pending.size())
        notice(m_pending[code].node, m_pending[code].up);
}

void DnsBehavior::notice(std::uint32_t node, bool up)
{
    m_history.push_back({m_kernel.now(), node, up});
    const Node& n = m_kernel.node(node);
    const std::string site = n.site().empty() ? std::string() : " (site " + n.site() + ")";
    m_kernel.logEvent(up ? EventKind::DnsNoticedUp : EventKind::DnsNoticedDown, m_index,
                      up ? fmt::format("{}{} is answered again", n.id.str(), site)
                         : fmt::format("{}{} is down: users are sent elsewhere as their answers "
                                       "expire",
                                       n.id.str(), site));
}

bool DnsBehavior::believedUp(std::uint32_t node, SimTime at) const
{
    for (auto it = m_history.rbegin(); it != m_history.rend(); ++it)
        if (it->node == node && it->at <= at)
            return it->up;
    return true; // never noticed anything: as at the start
}

} // namespace scalelab::core::sim
