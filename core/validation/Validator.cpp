#include "core/validation/Validator.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "core/goals/GoalCheck.h"
#include "core/model/KindRegistry.h"
#include "core/model/TopologyIndex.h"
#include "core/util/NearestName.h"
#include "core/validation/Limits.h"
#include "core/validation/LinkRules.h"
#include "core/validation/TopologyGraph.h"

namespace scalelab::core {

namespace {

bool isPlaceholder(const Node& n)
{
    return n.id.empty() && n.kind.empty();
}
bool isPlaceholder(const Link& l)
{
    return l.from.empty() && l.to.empty();
}

class Checker {
public:
    explicit Checker(const Topology& t) : m_t(t), m_index(t) {}

    Diagnostics run()
    {
        checkSimulation();
        if (!checkCounts())
            return std::move(m_out); // nothing more is looked at in a diagram past the limits
        checkNodes();
        checkLinks();
        checkReplicas();
        checkClients();
        checkMessaging();
        checkEdges();
        checkSessions();
        checkLoops();
        checkReachability();
        checkScenario();
        checkGoals();
        return std::move(m_out);
    }

private:
    const Topology& m_t;
    const TopologyIndex m_index;
    Diagnostics m_out;
    std::map<NodeId, std::size_t> m_firstIndex; // id -> first node index using it

    void error(std::string path, std::string msg, const NodeId& node = {})
    {
        m_out.push_back({Severity::Error, std::move(path), std::move(msg), node.str()});
    }
    void warning(std::string path, std::string msg, const NodeId& node = {})
    {
        m_out.push_back({Severity::Warning, std::move(path), std::move(msg), node.str()});
    }
    /// An error about a link: located by its file index, and carrying its key.
    void linkError(std::size_t link, std::string suffix, std::string msg)
    {
        const Link& l = m_t.links[link];
        m_out.push_back({Severity::Error, fmt::format("/links/{}{}", link, suffix), std::move(msg),
                         l.from.str(), l.key()});
    }

    void checkSimulation()
    {
        const auto& s = m_t.simulation;
        if (!std::isfinite(s.durationS) || s.durationS <= 0 || s.durationS > kMaxDurationS)
            error("/simulation/duration_s",
                  fmt::format("must be a number > 0 and <= {:g}, got {:g}", kMaxDurationS,
                              s.durationS));
        if (!std::isfinite(s.warmupS) || s.warmupS < 0)
            error("/simulation/warmup_s",
                  fmt::format("must be a number >= 0, got {:g}", s.warmupS));
        else if (std::isfinite(s.durationS) && s.warmupS >= s.durationS)
            error("/simulation/warmup_s",
                  fmt::format("must be shorter than duration_s ({:g}), got {:g}", s.durationS,
                              s.warmupS));
    }

    bool checkCounts()
    {
        bool ok = true;
        auto limit = [&](const char* path, std::size_t count, std::size_t max, const char* what) {
            if (count <= max)
                return;
            error(path, fmt::format("{} {}; the limit is {}", count, what, max));
            ok = false;
        };
        limit("/nodes", m_t.nodes.size(), kMaxNodes, "nodes");
        limit("/links", m_t.links.size(), kMaxLinks, "links");
        limit("/scenario", m_t.scenario.size(), kMaxScenarioSteps, "scenario steps");
        return ok;
    }

    void checkParams(const ParamMap& params, const KindSpec& spec, const std::string& path,
                     const NodeId& node, const std::string& owner)
    {
        for (const auto& [name, value] : params) {
            const ParamSpec* p = spec.param(name);
            const std::string where = path + "/" + name;
            if (!p) {
                error(where,
                      fmt::format("unknown parameter '{}' for {}{}", name, owner,
                                  didYouMean(name, spec.paramNames())),
                      node);
                continue;
            }
            if (auto problem = p->check(value))
                error(where, *problem, node);
        }
    }

    void checkNodes()
    {
        const auto& registry = KindRegistry::instance();
        for (std::size_t i = 0; i < m_t.nodes.size(); ++i) {
            const Node& n = m_t.nodes[i];
            if (isPlaceholder(n))
                continue;
            const std::string path = fmt::format("/nodes/{}", i);
            if (n.id.empty())
                error(path + "/id", "must not be empty");
            else if (auto [it, fresh] = m_firstIndex.emplace(n.id, i); !fresh)
                error(path + "/id",
                      fmt::format("duplicate id '{}' (also /nodes/{})", n.id.str(), it->second),
                      n.id);
            if (!positionWithinLimits(n.pos.x, n.pos.y))
                error(
                    path + "/pos",
                    fmt::format("must be two numbers between -{0:g} and {0:g}, got [{1:g}, {2:g}]",
                                kMaxCoordinate, n.pos.x, n.pos.y),
                    n.id);
            const KindSpec* spec = registry.find(n.kind.str());
            if (!spec) {
                error(path + "/kind",
                      fmt::format("unknown kind '{}'{}; known kinds: {}", n.kind.str(),
                                  didYouMean(n.kind.str(), registry.kindNames()),
                                  fmt::join(registry.kindNames(), ", ")),
                      n.id);
                continue;
            }
            checkParams(n.params, *spec, path + "/params", n.id, "a " + spec->id);
            if (spec->traits.queueing)
                checkPool(n, path + "/params");
        }
    }

    // The bounds of an autoscaled pool (each value alone was checked against its range).
    void checkPool(const Node& n, const std::string& path)
    {
        const auto set = [&](const char* name) { return n.params.count(name) > 0; };
        if (!set("min_instances") && !set("max_instances") && !set("instances"))
            return;
        const std::int64_t lo = n.integer("min_instances");
        const std::int64_t hi = n.integer("max_instances");
        if (lo > hi) {
            error(path + (set("min_instances") ? "/min_instances" : "/max_instances"),
                  fmt::format("min_instances ({}) must not exceed max_instances ({})", lo, hi),
                  n.id);
            return;
        }
        const std::int64_t start = n.integer("instances");
        if (n.flag("autoscale") && (start < lo || start > hi))
            warning(path + "/instances",
                    fmt::format("instances ({}) is outside [min_instances, max_instances] = "
                                "[{}, {}]: the pool starts at {}",
                                start, lo, hi, std::clamp(start, lo, hi)),
                    n.id);
    }

    const Node* node(const NodeId& id) const
    {
        auto it = m_firstIndex.find(id);
        return it == m_firstIndex.end() ? nullptr : &m_t.nodes[it->second];
    }

    void checkLinks()
    {
        std::map<LinkKey, std::size_t> seen;
        for (std::size_t i = 0; i < m_t.links.size(); ++i) {
            const Link& l = m_t.links[i];
            if (isPlaceholder(l))
                continue;
            const std::string path = fmt::format("/links/{}", i);
            const Node* from = node(l.from);
            const Node* to = node(l.to);
            if (!from)
                linkError(i, "/from", fmt::format("no node has the id '{}'", l.from.str()));
            if (!to)
                linkError(i, "/to", fmt::format("no node has the id '{}'", l.to.str()));
            checkParams(l.params, KindRegistry::instance().link(), path, l.from, "a link");
            if (!from || !to)
                continue;
            if (auto [it, fresh] = seen.emplace(l.key(), i); !fresh) {
                linkError(i, "",
                          fmt::format("duplicate link {} -> {} (also /links/{})", l.from.str(),
                                      l.to.str(), it->second));
                continue;
            }
            if (auto refusal = linkRefusal(*from, *to, l.kind))
                linkError(i, "", *refusal);
        }
    }

    void checkReplicas()
    {
        for (std::size_t i = 0; i < m_t.nodes.size(); ++i) {
            const Node& n = m_t.nodes[i];
            const KindSpec* spec = n.spec();
            if (!spec || !spec->traits.dataStore || n.text("role") != "replica")
                continue;
            std::size_t masters = 0;
            for (std::size_t k : m_index.in(i, LinkKind::Replication))
                if (m_t.nodes[m_index.from(k)].text("role") == "master")
                    ++masters;
            if (masters == 0)
                error(fmt::format("/nodes/{}", i),
                      fmt::format("replica '{}' has no master: draw a replication link from a "
                                  "master database to it",
                                  n.id.str()),
                      n.id);
            else if (masters > 1)
                error(fmt::format("/nodes/{}", i),
                      fmt::format("replica '{}' has {} masters; a replica follows one master",
                                  n.id.str(), masters),
                      n.id);
        }
    }

    void checkClients()
    {
        for (std::size_t i = 0; i < m_t.nodes.size(); ++i) {
            const Node& n = m_t.nodes[i];
            const KindSpec* spec = n.spec();
            if (!spec || !spec->traits.source || m_index.node(n.id) != i)
                continue;
            const auto& routes = m_index.source(i);
            for (std::size_t r = 1; r < routes.resolvers.size(); ++r)
                linkError(routes.resolvers[r], "",
                          fmt::format("client '{}' already resolves at a DNS node; a client "
                                      "uses one",
                                      n.id.str()));
            // Behind a geo-routing DNS a client has one entry per site.
            for (std::size_t e = 1; e < routes.entries.size() && !routes.geo; ++e)
                linkError(routes.entries[e], "",
                          fmt::format("client '{}' already has an entry point; a client sends "
                                      "to one (put a load balancer in front of several servers)",
                                      n.id.str()));
            for (std::size_t e = 1; e < routes.edges.size(); ++e)
                linkError(routes.edges[e], "",
                          fmt::format("client '{}' already sends its static requests to a CDN; "
                                      "a client uses one",
                                      n.id.str()));
            if (routes.entries.empty())
                warning(fmt::format("/nodes/{}", i),
                        fmt::format("client '{}' has no entry point: link it to a load "
                                    "balancer or a web server",
                                    n.id.str()),
                        n.id);
        }
    }

    // Jobs that can go nowhere, and a publish share with no queue (or the reverse).
    void checkMessaging()
    {
        for (std::size_t i = 0; i < m_t.nodes.size(); ++i) {
            const Node& n = m_t.nodes[i];
            const KindSpec* spec = n.spec();
            if (!spec || m_index.node(n.id) != i)
                continue;
            const std::string path = fmt::format("/nodes/{}", i);
            if (spec->traits.broker && m_index.consumers(i).empty())
                warning(path,
                        fmt::format("message queue '{}' has no worker: its jobs are never "
                                    "done (draw a link from it to a worker)",
                                    n.id.str()),
                        n.id);
            if (!spec->param("publish_ratio"))
                continue;
            const bool linked = !m_index.out(i, LinkKind::Publish).empty();
            const double ratio = n.number("publish_ratio");
            if (ratio > 0 && !linked)
                warning(path + "/params/publish_ratio",
                        fmt::format("'{}' publishes {:g} of its requests but has no publish "
                                    "link to a message queue: nothing is published",
                                    n.id.str(), ratio),
                        n.id);
            else if (ratio <= 0 && linked)
                warning(path + "/params/publish_ratio",
                        fmt::format("'{}' links to a message queue but its publish_ratio is 0: "
                                    "it publishes nothing",
                                    n.id.str()),
                        n.id);
        }
    }

    // Shared sessions are read over the server's one session link; the users of every
    // client are numbered in one table when sessions are modelled.
    void checkSessions()
    {
        bool modelled = false;
        double users = 0;
        for (std::size_t i = 0; i < m_t.nodes.size(); ++i) {
            const Node& n = m_t.nodes[i];
            const KindSpec* spec = n.spec();
            if (!spec || m_index.node(n.id) != i)
                continue;
            if (spec->traits.source)
                users += static_cast<double>(n.integer("users"));
            if (!spec->param("session_state"))
                continue;
            const auto& stores = m_index.out(i, LinkKind::Session);
            const std::string state = n.text("session_state");
            modelled = modelled || state != "none";
            if (state == "shared" && stores.empty())
                error(fmt::format("/nodes/{}/params/session_state", i),
                      fmt::format("'{}' shares its sessions but has no session link: draw one "
                                  "to a cache or a NoSQL database that holds them",
                                  n.id.str()),
                      n.id);
            for (std::size_t e = 1; e < stores.size(); ++e)
                linkError(stores[e], "",
                          fmt::format("'{}' already reads its sessions from a store; a web "
                                      "server uses one",
                                      n.id.str()));
        }
        if (modelled && users > kMaxSessionUsers)
            error("/nodes", fmt::format("the clients have {:.0f} users in all; with sessions the "
                                        "limit is {:.0f}",
                                        users, kMaxSessionUsers));
    }

    // A CDN's misses go to its origin, its request link: without one they fail.
    void checkEdges()
    {
        for (std::size_t i = 0; i < m_t.nodes.size(); ++i) {
            const Node& n = m_t.nodes[i];
            const KindSpec* spec = n.spec();
            if (!spec || !spec->traits.edge || m_index.node(n.id) != i)
                continue;
            if (m_index.out(i).empty())
                warning(fmt::format("/nodes/{}", i),
                        fmt::format("'{}' has no origin: link it to an object store, a load "
                                    "balancer or a web server, or every miss fails",
                                    n.id.str()),
                        n.id);
            for (std::size_t e = 1; e < m_index.out(i).size(); ++e)
                linkError(
                    m_index.out(i)[e], "",
                    fmt::format("'{}' already has an origin; a CDN fetches from one", n.id.str()));
        }
    }

    void checkLoops()
    {
        const TopologyGraph graph(m_t, m_index);
        if (auto loop = graph.findRequestLoop()) {
            std::string names;
            for (const auto& id : loop->nodes)
                names += id.str() + " -> ";
            names += loop->nodes.front().str();
            linkError(loop->closingLink, "",
                      fmt::format("request links form a loop ({}): requests would go round "
                                  "forever",
                                  names));
        }
    }

    void checkReachability()
    {
        const TopologyGraph graph(m_t, m_index);
        const std::vector<bool> reached = graph.reachableFromClients();
        for (std::size_t i = 0; i < m_t.nodes.size(); ++i) {
            const Node& n = m_t.nodes[i];
            if (isPlaceholder(n) || reached[i] || !n.spec() || n.spec()->traits.source)
                continue;
            warning(fmt::format("/nodes/{}", i),
                    fmt::format("no client can reach '{}': it will get no traffic", n.id.str()),
                    n.id);
        }
    }

    // A site action names a site some node is in.
    void checkSiteAction(const ScenarioAction& a, const std::string& path)
    {
        if (!std::isfinite(a.atS) || a.atS < 0)
            error(path + "/at_s", fmt::format("must be a number >= 0, got {:g}", a.atS));
        std::vector<std::string> sites;
        for (const Node& n : m_t.nodes)
            if (n.spec() && !n.site().empty() &&
                std::find(sites.begin(), sites.end(), n.site()) == sites.end())
                sites.push_back(n.site());
        if (std::find(sites.begin(), sites.end(), a.site) == sites.end())
            error(path + "/site",
                  fmt::format("no node is in site '{}'{}", a.site,
                              sites.empty() ? std::string(" (set a node's site parameter)")
                                            : didYouMean(a.site, sites)));
    }

    void checkScenario()
    {
        for (std::size_t i = 0; i < m_t.scenario.size(); ++i) {
            const ScenarioAction& a = m_t.scenario[i];
            const std::string path = fmt::format("/scenario/{}", i);
            if (isSiteAction(a.action)) {
                checkSiteAction(a, path);
                continue;
            }
            if (a.node.empty())
                continue; // placeholder for a step the loader already reported
            if (!std::isfinite(a.atS) || a.atS < 0)
                error(path + "/at_s", fmt::format("must be a number >= 0, got {:g}", a.atS));
            const Node* n = node(a.node);
            if (!n) {
                error(path + "/node", fmt::format("no node has the id '{}'{}", a.node.str(),
                                                  didYouMean(a.node.str(), nodeIds())));
                continue;
            }
            const KindSpec* spec = n->spec();
            if (a.action == ActionType::Set && spec) {
                const ParamSpec* p = spec->param(a.param);
                if (!p)
                    error(path + "/param",
                          fmt::format("unknown parameter '{}' for a {}{}", a.param, spec->id,
                                      didYouMean(a.param, spec->paramNames())),
                          a.node);
                else if (auto problem = p->check(a.value))
                    error(path + "/value", *problem, a.node);
            }
            if (spec && !spec->allows(a.action))
                error(path + "/node",
                      fmt::format("{} does not apply to '{}', a {}", toString(a.action),
                                  a.node.str(), spec->displayName),
                      a.node);
            else if (a.action == ActionType::Set && a.param == "shards" &&
                     m_index.groupMaster(*m_index.node(n->id)) != *m_index.node(n->id))
                error(path + "/node",
                      fmt::format("'{}' is a replica: set shards on its master, which its "
                                  "replicas follow",
                                  a.node.str()),
                      a.node);
            else if (a.action == ActionType::Promote && n->text("role") != "replica")
                error(
                    path + "/node",
                    fmt::format("promote needs a replica database; '{}' is not one", a.node.str()),
                    a.node);
        }
    }

    void checkGoals()
    {
        for (const auto& [name, value] : m_t.goals)
            if (!std::isfinite(value))
                error("/goals/" + name, "must be a finite number");
        const Diagnostics goals = validateGoals(m_t); // the goal catalog owns its own rules
        m_out.insert(m_out.end(), goals.begin(), goals.end());
    }

    std::vector<std::string> nodeIds() const
    {
        std::vector<std::string> ids;
        for (const auto& [id, index] : m_firstIndex)
            ids.push_back(id.str());
        return ids;
    }
};

} // namespace

Diagnostics validate(const Topology& topology)
{
    return Checker(topology).run();
}

LoadResult loadAndValidateFile(const std::string& path)
{
    LoadResult result = loadTopologyFile(path);
    if (result.topology) {
        const Diagnostics semantic = validate(*result.topology);
        result.diagnostics.insert(result.diagnostics.end(), semantic.begin(), semantic.end());
    }
    return result;
}

} // namespace scalelab::core
