#include "core/analysis/FailureAnalysis.h"

#include <algorithm>
#include <array>

namespace scalelab::core {

namespace failure_detail {

constexpr int kRead = 0;
constexpr int kWrite = 1;

// Fraction of the requests of each class that each node answers successfully, given the
// nodes marked down. Evaluated once for every node, receivers first (the reverse of the
// plan's topological order): no recursion, so a chain of any depth needs a bounded stack.
class ServiceEvaluator {
public:
    ServiceEvaluator(const Topology& t, const RoutingPlan& plan, std::vector<bool>& down)
        : m_t(t), m_plan(plan), m_down(down), m_value(t.nodes.size(), {0.0, 0.0})
    {
    }

    void evaluateAll()
    {
        for (auto it = m_plan.order.rbegin(); it != m_plan.order.rend(); ++it)
            for (int cls : {kRead, kWrite})
                m_value[*it][static_cast<std::size_t>(cls)] =
                    m_down[*it] ? 0.0 : compute(*it, cls == kRead);
    }

    // The node's value as evaluated, or 0 when it is marked down now.
    double serve(std::size_t i, bool read) const
    {
        return m_down[i] ? 0.0 : m_value[i][read ? 0 : 1];
    }

    // One node's value from its receivers' values as they were evaluated (and the marks).
    double compute(std::size_t i, bool read) const
    {
        const NodeRouting& r = m_plan.nodes[i];
        if (r.traits.balancer) {
            // Health checks take down backends out; the rest share the traffic.
            double share = 0, served = 0;
            for (const auto& c : r.calls) {
                const double p = read ? c.pRead : c.pWrite;
                if (m_down[c.target])
                    continue;
                share += p;
                served += p * serve(c.target, read);
            }
            return share > 0 ? served / share : 0.0;
        }
        if (!r.traits.application)
            return 1.0; // a leaf that is up answers
        if (r.sessionStore >= 0 && m_down[static_cast<std::size_t>(r.sessionStore)])
            return 0.0; // nobody's session can be read: every request fails
        // Each next-tier node is called in turn (no health checking): all must answer.
        double next = 1.0;
        for (std::size_t target : r.nextTier)
            next *= serve(target, read);
        double data = 1.0;
        if (r.groupMaster >= 0) {
            const auto m = static_cast<std::size_t>(r.groupMaster);
            data = read ? groupReads(m) : groupWrites(m);
        }
        if (read && r.cache >= 0) {
            const auto c = static_cast<std::size_t>(r.cache);
            const double hit = m_down[c] ? 0.0 : m_plan.nodes[c].hitRatio;
            data = hit + (1 - hit) * data; // a down cache sends its reads to the database
        }
        const double direct = next * data;
        if (r.broker < 0)
            return direct;
        // Publishing requests need only the queue's ack: its workers may be down.
        const double published = m_down[static_cast<std::size_t>(r.broker)] ? 0.0 : 1.0;
        return (1.0 - r.publishRatio) * direct + r.publishRatio * published;
    }

    // What a client still gets: its entry's answers, less the lookups of a down resolver.
    bool clientService(std::size_t c, ClientService& s) const
    {
        s = ClientService{c, 0.0, 0.0};
        bool hasEntry = false;
        double lookups = 1.0;
        for (const auto& call : m_plan.nodes[c].calls) {
            if (m_plan.nodes[call.target].traits.resolver) {
                if (m_down[call.target])
                    lookups = 1.0 - call.pRead; // those lookups fail, the rest skip DNS
            } else if (m_plan.nodes[call.target].traits.edge) {
                continue; // static requests only: reads and writes never pass a CDN
            } else {
                hasEntry = true;
                // Behind a geo DNS a dead entry is routed around (after detect_s and the
                // users' TTL): the first healthy fallback serves.
                std::size_t entry = call.target;
                for (std::size_t f : m_plan.nodes[c].entryFallbacks)
                    if (m_down[entry] && !m_down[f])
                        entry = f;
                s.reads = serve(entry, true);
                s.writes = serve(entry, false);
            }
        }
        s.reads *= lookups;
        s.writes *= lookups;
        return hasEntry; // reaches nothing in the first place: nothing to cut off
    }

private:
    double groupReads(std::size_t master) const
    {
        if (!m_down[master])
            return 1.0;
        for (std::size_t r : replicasOf(m_plan, master))
            if (!m_down[r])
                return 1.0;
        return 0.0;
    }

    double groupWrites(std::size_t master) const
    {
        if (!m_down[master])
            return 1.0;
        if (m_t.nodes[master].text("failover") != "auto")
            return 0.0;
        for (std::size_t r : replicasOf(m_plan, master))
            if (!m_down[r])
                return 1.0; // promoted after detect_s + promote_s
        return 0.0;
    }

    const Topology& m_t;
    const RoutingPlan& m_plan;
    std::vector<bool>& m_down;
    std::vector<std::array<double, 2>> m_value;
};

std::vector<ClientService> allClients(const Topology& t, const RoutingPlan& plan,
                                      const ServiceEvaluator& evaluator)
{
    std::vector<ClientService> out;
    for (std::size_t c = 0; c < t.nodes.size(); ++c) {
        ClientService s;
        if (plan.nodes[c].isClient && evaluator.clientService(c, s))
            out.push_back(s);
    }
    return out;
}

// A pool of two or more instances loses one at a time and keeps serving: it is redundant
// in itself (losing the whole pool at once is a site failure). Both searches skip it.
bool redundantPool(const NodeRouting& r)
{
    return r.isQueue && (r.autoscale ? r.minInstances : r.instances) >= 2;
}

bool loses(const NodeRouting& client, const ClientService& before, const ClientService& after)
{
    const bool readsLost = client.readRatio > 0 && after.reads < before.reads - 1e-9;
    const bool writesLost = client.readRatio < 1 && after.writes < before.writes - 1e-9;
    return readsLost || writesLost;
}

// Changes of a node's value smaller than this are rounding, not a change.
constexpr double kTolerance = 1e-12;

// Single points of failure in time linear in the size of the topology, instead of one
// whole evaluation per node (quadratic: minutes for a chain of 100k servers).
//
// Failing v changes the values of the nodes that use v directly (its callers, the web
// servers whose cache or replication group it is, the clients whose resolver or entry it
// is). Above them, values combine by products and weighted means of the values below,
// which never rise when a value below falls: so when no direct user's value rises, v cuts
// some client off exactly when some direct user's value falls and that user is
// "sensitive": a fall of its value alone lowers some client's service of that class.
// Sensitivity flows from the clients down the plan's order. The rare v whose failure
// raises a direct user's value (a balancer rid of a backend worse than its others) is
// evaluated whole, as before.
class SpofFinder {
public:
    SpofFinder(const Topology& t, const RoutingPlan& plan)
        : m_t(t), m_plan(plan), m_down(t.nodes.size(), false), m_eval(t, plan, m_down),
          m_users(t.nodes.size()), m_sensitive(t.nodes.size(), {false, false}),
          m_balancerTotals(t.nodes.size(), {0.0, 0.0, 0.0, 0.0}), m_sharesTo(t.nodes.size())
    {
        m_eval.evaluateAll();
        m_baseline = allClients(t, plan, m_eval);
        indexUsers();
        markSensitive();
    }

    bool isSpof(std::size_t v)
    {
        bool falls = false;
        for (std::size_t q : m_users[v]) {
            const NodeRouting& r = m_plan.nodes[q];
            if (r.isClient)
                continue;
            for (int cls : {kRead, kWrite}) {
                const double before = m_eval.serve(q, cls == kRead);
                const double after = valueWithout(q, v, cls);
                if (after > before + kTolerance)
                    return exact(v);
                if (after < before - kTolerance && m_sensitive[q][static_cast<std::size_t>(cls)])
                    falls = true;
            }
        }
        // Clients that use v directly: compare their service as the exact check does.
        m_down[v] = true;
        for (std::size_t q : m_users[v]) {
            if (!m_plan.nodes[q].isClient || falls || m_baselineOf[q] == kNoClient)
                continue; // a client with no entry has nothing to lose
            ClientService after;
            m_eval.clientService(q, after);
            falls = loses(m_plan.nodes[q], baselineOf(q), after);
        }
        m_down[v] = false;
        return falls;
    }

private:
    struct BackendShare {
        std::size_t target;
        double pRead, pWrite;
    };
    void indexUsers()
    {
        const std::size_t n = m_t.nodes.size();
        auto addUser = [this](std::size_t v, std::size_t q) {
            if (m_users[v].empty() || m_users[v].back() != q)
                m_users[v].push_back(q);
        };
        for (std::size_t q = 0; q < n; ++q) {
            const NodeRouting& r = m_plan.nodes[q];
            for (const auto& c : r.calls) {
                addUser(c.target, q);
                if (r.traits.balancer) {
                    auto& totals = m_balancerTotals[q];
                    totals[0] += c.pRead;
                    totals[1] += c.pWrite;
                    totals[2] += c.pRead * m_eval.serve(c.target, true);
                    totals[3] += c.pWrite * m_eval.serve(c.target, false);
                    m_sharesTo[q].push_back({c.target, c.pRead, c.pWrite});
                }
            }
            if (r.traits.application && r.groupMaster >= 0) {
                const auto m = static_cast<std::size_t>(r.groupMaster);
                addUser(m, q);
                for (std::size_t rep : replicasOf(m_plan, m))
                    addUser(rep, q);
            }
        }
        for (auto& shares : m_sharesTo)
            mergeByTarget(shares);
        for (auto& users : m_users) {
            std::sort(users.begin(), users.end());
            users.erase(std::unique(users.begin(), users.end()), users.end());
        }
        m_baselineOf.assign(n, kNoClient);
        for (std::size_t k = 0; k < m_baseline.size(); ++k)
            m_baselineOf[m_baseline[k].client] = k;
    }

    // One entry per backend with the shares of all its calls summed, sorted by backend, so
    // that failing one backend of a balancer with 100k of them is one search, not a scan.
    static void mergeByTarget(std::vector<BackendShare>& shares)
    {
        std::sort(shares.begin(), shares.end(),
                  [](const BackendShare& a, const BackendShare& b) { return a.target < b.target; });
        std::size_t out = 0;
        for (std::size_t i = 0; i < shares.size(); ++i) {
            if (out > 0 && shares[out - 1].target == shares[i].target) {
                shares[out - 1].pRead += shares[i].pRead;
                shares[out - 1].pWrite += shares[i].pWrite;
            } else {
                shares[out++] = shares[i];
            }
        }
        shares.resize(out);
    }

    // A fall of a node's value alone lowers some client's service: from each client's
    // entry down every strictly increasing dependence (a balancer's backend with a share,
    // a web server's next tier while the rest of its product is not zero).
    void markSensitive()
    {
        for (std::size_t c = 0; c < m_t.nodes.size(); ++c) {
            const NodeRouting& r = m_plan.nodes[c];
            if (!r.isClient || m_baselineOf[c] == kNoClient)
                continue;
            for (const auto& call : r.calls) {
                const KindTraits& target = m_plan.nodes[call.target].traits;
                if (!target.resolver && !target.edge)
                    m_entry = call.target; // the last one counts, as in clientService()
            }
            if (r.readRatio > 0)
                m_sensitive[m_entry][kRead] = true;
            if (r.readRatio < 1)
                m_sensitive[m_entry][kWrite] = true;
        }
        for (std::size_t q : m_plan.order) {
            const NodeRouting& r = m_plan.nodes[q];
            for (int cls : {kRead, kWrite}) {
                const auto k = static_cast<std::size_t>(cls);
                if (!m_sensitive[q][k] || r.isClient)
                    continue;
                if (r.traits.balancer) {
                    for (const auto& c : r.calls)
                        if ((cls == kRead ? c.pRead : c.pWrite) > 0)
                            m_sensitive[c.target][k] = true;
                } else if (r.traits.application && m_eval.serve(q, cls == kRead) > 0) {
                    for (std::size_t target : r.nextTier)
                        m_sensitive[target][k] = true;
                }
            }
        }
    }

    // The value of q when only v is down, every other node as in the baseline.
    double valueWithout(std::size_t q, std::size_t v, int cls)
    {
        const NodeRouting& r = m_plan.nodes[q];
        const bool read = cls == kRead;
        if (r.traits.balancer) {
            // From the totals, so a balancer with 100k backends costs one step per backend.
            const auto& totals = m_balancerTotals[q];
            double share = totals[read ? 0 : 1];
            double served = totals[read ? 2 : 3];
            const auto& shares = m_sharesTo[q];
            const auto it =
                std::lower_bound(shares.begin(), shares.end(), v,
                                 [](const BackendShare& b, std::size_t t) { return b.target < t; });
            if (it != shares.end() && it->target == v) {
                const double p = read ? it->pRead : it->pWrite;
                share -= p;
                served -= p * m_eval.serve(v, read);
            }
            if (share <= kTolerance)
                return 0.0;
            return std::clamp(served / share, 0.0, 1.0);
        }
        if (!r.traits.application)
            return 1.0;
        if (std::find(r.nextTier.begin(), r.nextTier.end(), v) != r.nextTier.end())
            return 0.0; // a next tier down fails every request
        m_down[v] = true;
        const double value = m_eval.compute(q, read);
        m_down[v] = false;
        return value;
    }

    bool exact(std::size_t v)
    {
        m_down[v] = true;
        ServiceEvaluator evaluator(m_t, m_plan, m_down);
        evaluator.evaluateAll();
        const auto after = allClients(m_t, m_plan, evaluator);
        m_down[v] = false;
        for (std::size_t k = 0; k < after.size(); ++k)
            if (loses(m_plan.nodes[m_baseline[k].client], m_baseline[k], after[k]))
                return true;
        return false;
    }

    const ClientService& baselineOf(std::size_t client) const
    {
        return m_baseline[m_baselineOf[client]];
    }

    static constexpr std::size_t kNoClient = static_cast<std::size_t>(-1);
    const Topology& m_t;
    const RoutingPlan& m_plan;
    std::vector<bool> m_down;
    ServiceEvaluator m_eval; ///< the baseline: nothing down
    std::vector<ClientService> m_baseline;
    std::vector<std::size_t> m_baselineOf;
    std::vector<std::vector<std::size_t>> m_users; ///< nodes whose value v enters directly
    std::vector<std::array<bool, 2>> m_sensitive;
    /// Balancers: sum of read shares, write shares, read shares x value, write shares x value.
    std::vector<std::array<double, 4>> m_balancerTotals;
    std::vector<std::vector<BackendShare>> m_sharesTo; ///< balancers: each backend's summed shares
    std::size_t m_entry = 0;
};

} // namespace failure_detail

std::vector<ClientService> serviceAfterFailure(const Topology& t, const RoutingPlan& plan,
                                               const std::vector<bool>& down)
{
    std::vector<bool> marks = down;
    failure_detail::ServiceEvaluator evaluator(t, plan, marks);
    evaluator.evaluateAll();
    return failure_detail::allClients(t, plan, evaluator);
}

std::vector<std::size_t> singlePointsOfFailure(const Topology& t, const RoutingPlan& plan)
{
    const std::size_t n = t.nodes.size();
    // Only nodes some client's requests can reach are candidates.
    std::vector<bool> reachable(n, false);
    for (std::size_t i : plan.order) {
        if (plan.nodes[i].isClient)
            reachable[i] = true;
        if (reachable[i])
            for (const auto& call : plan.nodes[i].calls)
                reachable[call.target] = true;
    }
    failure_detail::SpofFinder finder(t, plan);
    std::vector<std::size_t> spof;
    for (std::size_t v = 0; v < n; ++v)
        if (!plan.nodes[v].isClient && reachable[v] &&
            !failure_detail::redundantPool(plan.nodes[v]) && finder.isSpof(v))
            spof.push_back(v);
    return spof;
}

std::vector<std::size_t> singlePointsOfFailureByRemoval(const Topology& t, const RoutingPlan& plan)
{
    const std::size_t n = t.nodes.size();
    std::vector<bool> down(n, false);
    const auto baseline = serviceAfterFailure(t, plan, down);
    std::vector<bool> reachable(n, false);
    for (std::size_t i : plan.order) {
        if (plan.nodes[i].isClient)
            reachable[i] = true;
        if (reachable[i])
            for (const auto& call : plan.nodes[i].calls)
                reachable[call.target] = true;
    }
    std::vector<std::size_t> spof;
    for (std::size_t v = 0; v < n; ++v) {
        if (plan.nodes[v].isClient || !reachable[v])
            continue;
        if (failure_detail::redundantPool(plan.nodes[v]))
            continue;
        down[v] = true;
        const auto after = serviceAfterFailure(t, plan, down);
        down[v] = false;
        for (std::size_t k = 0; k < after.size(); ++k)
            if (failure_detail::loses(plan.nodes[baseline[k].client], baseline[k], after[k])) {
                spof.push_back(v);
                break;
            }
    }
    return spof;
}

} // namespace scalelab::core
