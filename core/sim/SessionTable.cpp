#include "core/sim/SessionTable.h"

namespace scalelab::core::sim {

void SessionTable::configure(std::uint64_t users, std::uint32_t nodes)
{
    m_owner.assign(users, kNobody);
    m_held.assign(nodes, 0);
}

bool SessionTable::visit(std::uint32_t user, std::uint32_t node, std::uint32_t slot)
{
    std::uint64_t& owner = m_owner[user];
    const std::uint64_t here = place(node, slot);
    if (owner == here)
        return true;
    if (owner != kNobody)
        --m_held[owner >> 32]; // the old session is abandoned: the user logged in here
    owner = here;
    ++m_held[node];
    return false;
}

std::uint64_t SessionTable::drop(std::uint32_t node)
{
    const std::uint64_t held = m_held[node];
    if (held == 0)
        return 0;
    // A scan of every user, once per failure: failures are rare, requests are not, so the
    // table keeps no per-server lists to update on every login.
    for (std::uint64_t& owner : m_owner)
        if (owner != kNobody && (owner >> 32) == node)
            owner = kNobody;
    m_held[node] = 0;
    return held;
}

} // namespace scalelab::core::sim
