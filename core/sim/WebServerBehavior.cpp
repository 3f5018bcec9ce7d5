#include "core/sim/WebServerBehavior.h"

#include <fmt/format.h>

#include "core/sim/CacheBehavior.h"
#include "core/sim/ReplicationGroup.h"

namespace scalelab::core::sim {

namespace {
// Frame steps after the tier calls (which use 0..tiers).
constexpr std::uint16_t kAfterCache = 0xF000;
constexpr std::uint16_t kAfterRead = 0xF001;
constexpr std::uint16_t kAfterWrite = 0xF002;
constexpr std::uint16_t kAfterPublish = 0xF003;
constexpr std::uint16_t kAfterSession = 0xF004;
} // namespace

void WebServerBehavior::init()
{
    const auto& down = m_kernel.index().downstream(m_index);
    for (std::size_t l : down.nextTier)
        m_tiers.push_back(static_cast<std::uint32_t>(l));
    if (down.cache() != TopologyIndex::kNone) {
        m_cacheLink = static_cast<std::uint32_t>(down.cache());
        m_cache = dynamic_cast<CacheBehavior*>(&m_kernel.behavior(m_kernel.link(m_cacheLink).to));
    }
    if (down.dataStore() != TopologyIndex::kNone) {
        m_dbLink = static_cast<std::uint32_t>(down.dataStore());
        m_group = m_kernel.groupOf(m_kernel.link(m_dbLink).to);
    }
    if (down.publish() != TopologyIndex::kNone)
        m_publishLink = static_cast<std::uint32_t>(down.publish());
    if (down.sessionStore() != TopologyIndex::kNone)
        m_sessionLink = static_cast<std::uint32_t>(down.sessionStore());
    reconfigure();
}

void WebServerBehavior::reconfigure()
{
    QueueStation::reconfigure();
    const bool downstream = !m_tiers.empty() || m_cacheLink != kNone || m_dbLink != kNone ||
                            m_publishLink != kNone || m_sessionLink != kNone;
    m_holdWorker = downstream && node().text("concurrency_model") == "blocking";
    m_leaf = !downstream;
    // Read only with a publish link: a server that cannot publish draws nothing for it.
    m_publishRatio = m_publishLink == kNone ? 0.0 : node().number("publish_ratio");
    // Workers share this class and have no sessions.
    const bool hasSessions = node().spec()->param("session_state") != nullptr;
    const std::string sessions = hasSessions ? node().text("session_state") : "none";
    const Sessions before = m_sessions;
    m_sessions = sessions == "local"                              ? Sessions::Local
                 : sessions == "shared" && m_sessionLink != kNone ? Sessions::Shared
                                                                  : Sessions::None;
    m_everSessions = m_everSessions || sessions != "none";
    // Sessions this server kept locally mean nothing once it stops keeping them there.
    if (before == Sessions::Local && m_sessions != Sessions::Local)
        m_kernel.sessions().drop(m_index);
    const double speed = node().number("speed");
    m_loginService =
        hasSessions ? fromMs(node().number("login_ms") / (speed > 0 ? speed : 1.0)) : 0;
    m_cancelAbandoned = node().flag("cancel_on_timeout");
}

void WebServerBehavior::accept(std::uint32_t frame)
{
    if (m_sessions == Sessions::Local)
        checkLocalSession(frame);
    QueueStation::accept(frame);
}

void WebServerBehavior::checkLocalSession(std::uint32_t frame)
{
    Frame& f = m_kernel.frames()[frame];
    if (f.cls == RequestClass::Static)
        return; // static files need no session
    // A pool's instances each keep their own sessions. A sticky balancer in front pins the
    // user to one instance as well (its cookie names it); otherwise any instance serves.
    std::uint32_t slot = 0;
    if (const std::uint32_t serving = servingInstances(); serving > 1) {
        const std::uint32_t caller = f.parent == kNone ? kNone : m_kernel.frames()[f.parent].node;
        const bool sticky = caller != kNone &&
                            m_kernel.node(caller).spec()->param("sticky_sessions") &&
                            m_kernel.node(caller).flag("sticky_sessions");
        slot = sticky ? f.user % serving
                      : static_cast<std::uint32_t>(uniform01(m_kernel.rng(m_index)) * serving) %
                            serving;
    }
    if (m_kernel.sessions().visit(f.user, m_index, slot))
        return;
    f.flags |= kFlagLogin;
    ++m_sessionMisses;
}

void WebServerBehavior::fail()
{
    const bool wasUp = m_up;
    QueueStation::fail();
    if (!wasUp || m_sessions != Sessions::Local)
        return;
    const std::uint64_t lost = m_kernel.sessions().drop(m_index);
    m_sessionsLost += lost;
    if (lost > 0)
        m_kernel.logEvent(EventKind::SessionsLost, m_index,
                          fmt::format("{} session{} held here: those users log in again", lost,
                                      lost == 1 ? "" : "s"));
}

void WebServerBehavior::resetStats()
{
    QueueStation::resetStats();
    m_missesAtWarmup = m_sessionMisses;
    m_lostAtWarmup = m_sessionsLost;
}

void WebServerBehavior::fillResults(NodeResults& out) const
{
    QueueStation::fillResults(out);
    out.sessions = m_everSessions;
    out.sessionMisses = m_sessionMisses - m_missesAtWarmup;
    out.sessionsLost = m_sessionsLost - m_lostAtWarmup;
}

void WebServerBehavior::fillSnapshot(NodeSnapshot& out)
{
    QueueStation::fillSnapshot(out);
    out.localSessions = m_sessions == Sessions::Local;
    out.sessionsHeld = m_kernel.sessions().heldBy(m_index);
    out.sessionMisses = m_sessionMisses;
}

void WebServerBehavior::served(std::uint32_t frame)
{
    // A static file is served from the server's own disk, with no data tier; a server with
    // nothing behind it answers every request itself.
    if (m_leaf || m_kernel.frames()[frame].cls == RequestClass::Static) {
        answer(frame);
        return;
    }
    if (m_sessions == Sessions::Shared) {
        // Every request reads its session from the shared store first (a read, whatever
        // the request is); the store answers it without a cache lookup.
        m_kernel.frames()[frame].step = kAfterSession;
        m_kernel.callAs(frame, m_sessionLink, m_kernel.link(m_sessionLink).to, RequestClass::Read,
                        kFlagSession);
        return;
    }
    publishOrProceed(frame);
}

[[gnu::always_inline]] inline void WebServerBehavior::publishOrProceed(std::uint32_t frame)
{
    if (m_publishRatio > 0 &&
        (m_publishRatio >= 1.0 || uniform01(m_kernel.rng(m_index)) < m_publishRatio)) {
        m_kernel.frames()[frame].step = kAfterPublish;
        m_kernel.call(frame, m_publishLink, m_kernel.link(m_publishLink).to);
        return;
    }
    m_kernel.frames()[frame].step = 0;
    proceed(frame);
}

[[gnu::always_inline]] inline void WebServerBehavior::proceed(std::uint32_t frame)
{
    Frame& f = m_kernel.frames()[frame];
    if (f.step < m_tiers.size()) {
        const std::uint32_t l = m_tiers[f.step++];
        m_kernel.call(frame, l, m_kernel.link(l).to);
        return;
    }
    if (f.cls == RequestClass::Read) {
        if (m_cache && m_cache->up()) {
            f.step = kAfterCache;
            m_kernel.call(frame, m_cacheLink, m_kernel.link(m_cacheLink).to);
            return;
        }
        readDatabase(frame);
        return;
    }
    if (m_dbLink == kNone) {
        answer(frame);
        return;
    }
    f.step = kAfterWrite;
    const std::uint32_t target = m_group ? m_group->writeTarget() : m_kernel.link(m_dbLink).to;
    m_kernel.call(frame, m_dbLink, target);
}

[[gnu::always_inline]] inline void WebServerBehavior::readDatabase(std::uint32_t frame)
{
    if (m_dbLink == kNone) {
        answer(frame); // no database behind: the page is answered from the server itself
        return;
    }
    const std::uint32_t target = m_group ? m_group->readTarget() : m_kernel.link(m_dbLink).to;
    if (target == kNone) {
        answer(frame, FailReason::Refused); // every member of the group is down
        return;
    }
    m_kernel.frames()[frame].step = kAfterRead;
    m_kernel.call(frame, m_dbLink, target);
}

void WebServerBehavior::childReturned(std::uint32_t frame, const Frame& child)
{
    Frame& f = m_kernel.frames()[frame];
    if (f.step == kAfterCache) {
        // A miss, or a cache that died under the request: read from the database.
        if (child.reason == FailReason::None && (child.flags & kFlagHit))
            answer(frame);
        else
            readDatabase(frame);
        return;
    }
    if (child.reason != FailReason::None) {
        answer(frame, child.reason); // also a session store that is down: nobody is logged in
        return;
    }
    if (f.step == kAfterSession) {
        publishOrProceed(frame);
        return;
    }
    if (f.step == kAfterWrite) {
        if (m_cache)
            m_cache->invalidate(f.key);
        answer(frame);
        return;
    }
    if (f.step == kAfterRead || f.step == kAfterPublish) {
        answer(frame);
        return;
    }
    proceed(frame);
}

} // namespace scalelab::core::sim
