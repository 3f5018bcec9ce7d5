#include "core/validation/Validator.h"

#include "core/goals/GoalCheck.h"
#include "core/model/KindRegistry.h"
#include "core/util/NearestName.h"
#include "core/validation/Limits.h"
#include "core/validation/LinkRules.h"
#include "core/validation/TopologyGraph.h"

#include <cmath>
#include <map>

#include <fmt/format.h>

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
    explicit Checker(const Topology& t) : m_t(t) {}

    Diagnostics run()
    {
        checkSimulation();
        checkNodes();
        checkLinks();
        checkReplicas();
        checkClients();
        checkLoops();
        checkReachability();
        checkScenario();
        checkGoals();
        return std::move(m_out);
    }

private:
    const Topology& m_t;
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

    void checkSimulation()
    {
        const auto& s = m_t.simulation;
        if (!std::isfinite(s.durationS) || s.durationS <= 0 || s.durationS > kMaxDurationS)
            error("/simulation/duration_s", fmt::format("must be a number > 0 and <= {:g}, got {:g}",
                                                        kMaxDurationS, s.durationS));
        if (!std::isfinite(s.warmupS) || s.warmupS < 0)
            error("/simulation/warmup_s", fmt::format("must be a number >= 0, got {:g}", s.warmupS));
        else if (std::isfinite(s.durationS) && s.warmupS >= s.durationS)
            error("/simulation/warmup_s",
                  fmt::format("must be shorter than duration_s ({:g}), got {:g}", s.durationS,
                              s.warmupS));
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
            if (!std::isfinite(n.pos.x) || !std::isfinite(n.pos.y) ||
                std::abs(n.pos.x) > kMaxCoordinate || std::abs(n.pos.y) > kMaxCoordinate)
                error(path + "/pos",
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
        }
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
                error(path + "/from", fmt::format("no node has the id '{}'", l.from.str()));
            if (!to)
                error(path + "/to", fmt::format("no node has the id '{}'", l.to.str()));
            checkParams(l.params, KindRegistry::instance().link(), path, l.from, "a link");
            if (!from || !to)
                continue;
            if (auto [it, fresh] = seen.emplace(l.key(), i); !fresh) {
                error(path, fmt::format("duplicate link {} -> {} (also /links/{})", l.from.str(),
                                        l.to.str(), it->second),
                      l.from);
                continue;
            }
            if (auto refusal = linkRefusal(*from, *to, l.kind))
                error(path, *refusal, l.from);
        }
    }

    void checkReplicas()
    {
        for (std::size_t i = 0; i < m_t.nodes.size(); ++i) {
            const Node& n = m_t.nodes[i];
            if (!n.is("database") || n.text("role") != "replica")
                continue;
            std::size_t masters = 0;
            for (const Link* l : m_t.incoming(n.id, LinkKind::Replication))
                if (const Node* from = node(l->from); from && from->text("role") == "master")
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
            if (!n.is("client"))
                continue;
            int entries = 0;
            int dns = 0;
            for (std::size_t k = 0; k < m_t.links.size(); ++k) {
                const Link& l = m_t.links[k];
                const Node* to = node(l.to);
                if (l.from != n.id || l.kind != LinkKind::Request || !to)
                    continue;
                const bool isDns = to->is("dns");
                if ((isDns ? ++dns : ++entries) > 1)
                    error(fmt::format("/links/{}", k),
                          isDns ? fmt::format("client '{}' already resolves at a DNS node; "
                                              "a client uses one",
                                              n.id.str())
                                : fmt::format("client '{}' already has an entry point; a "
                                              "client sends to one (put a load balancer in "
                                              "front of several servers)",
                                              n.id.str()),
                          n.id);
            }
            if (entries == 0)
                warning(fmt::format("/nodes/{}", i),
                        fmt::format("client '{}' has no entry point: link it to a load "
                                    "balancer or a web server",
                                    n.id.str()),
                        n.id);
        }
    }

    void checkLoops()
    {
        const TopologyGraph graph(m_t);
        if (auto loop = graph.findRequestLoop()) {
            std::string names;
            for (const auto& id : loop->nodes)
                names += id.str() + " -> ";
            names += loop->nodes.front().str();
            error(fmt::format("/links/{}", loop->closingLink),
                  fmt::format("request links form a loop ({}): requests would go round forever",
                              names),
                  loop->nodes.front());
        }
    }

    void checkReachability()
    {
        const TopologyGraph graph(m_t);
        const std::vector<bool> reached = graph.reachableFromClients();
        for (std::size_t i = 0; i < m_t.nodes.size(); ++i) {
            const Node& n = m_t.nodes[i];
            if (isPlaceholder(n) || n.is("client") || reached[i] || !n.spec())
                continue;
            warning(fmt::format("/nodes/{}", i),
                    fmt::format("no client can reach '{}': it will get no traffic", n.id.str()),
                    n.id);
        }
    }

    void checkScenario()
    {
        for (std::size_t i = 0; i < m_t.scenario.size(); ++i) {
            const ScenarioAction& a = m_t.scenario[i];
            if (a.node.empty())
                continue; // placeholder for a step the loader already reported
            const std::string path = fmt::format("/scenario/{}", i);
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
            if (a.action == ActionType::Promote && !(n->is("database") && n->text("role") == "replica"))
                error(path + "/node",
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
