#pragma once

#include <cstdint>
#include <vector>

namespace scalelab::core::sim {

/// Where each active user's session lives, for web servers that keep sessions locally
/// (`session_state: local`). A user has one session at a time: on the server instance
/// where they last logged in. A request that reaches a local server instance without its
/// user's session is a miss: the user logs in there and the session moves. A server that
/// fails loses every session it held.
///
/// Users are numbered across the run's clients (each client's `users` in file order), so
/// memory is one entry per user, allocated only when some web server keeps sessions.
class SessionTable {
public:
    /// Owner of no session.
    static constexpr std::uint64_t kNobody = ~std::uint64_t{0};

    /// Sizes the table for `users` users over `nodes` nodes. Every session starts nowhere
    /// (local servers start empty, as after a deploy).
    void configure(std::uint64_t users, std::uint32_t nodes);
    bool active() const { return !m_owner.empty(); }

    /// A request of `user` reaches instance `slot` of local server `node`. True when the
    /// session is there; otherwise the user logs in there (a miss) and false is returned.
    bool visit(std::uint32_t user, std::uint32_t node, std::uint32_t slot);
    /// Every session held by `node` is gone (it failed); returns how many there were.
    std::uint64_t drop(std::uint32_t node);
    /// Sessions held by `node` now (for the live view).
    std::uint64_t heldBy(std::uint32_t node) const
    {
        return node < m_held.size() ? m_held[node] : 0;
    }

private:
    static std::uint64_t place(std::uint32_t node, std::uint32_t slot)
    {
        return (std::uint64_t{node} << 32) | slot;
    }
    std::vector<std::uint64_t> m_owner; ///< by user: place() of its session, or kNobody
    std::vector<std::uint64_t> m_held;  ///< by node: sessions it holds
};

} // namespace scalelab::core::sim
