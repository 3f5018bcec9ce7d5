#include <algorithm>

#include "core/analysis/models/AnalysisModel.h"

namespace scalelab::core {

namespace {
// Share of a load balancer's traffic each backend gets. Round robin and random spread
// evenly; weighted follows the link weights; least connections is approximated by
// spreading in proportion to each backend's capacity (servers x speed / service time),
// which is where joining the shortest queue settles under load.
std::vector<double> backendShares(const ModelContext& c, const Node& lb,
                                  const std::vector<std::size_t>& backends)
{
    std::vector<double> share(backends.size(), 1.0);
    const std::string algorithm = lb.text("algorithm");
    if (algorithm == "weighted") {
        for (std::size_t i = 0; i < backends.size(); ++i)
            share[i] = c.topology.links[backends[i]].weight();
    } else if (algorithm == "least_connections") {
        bool allFinite = true;
        for (std::size_t i = 0; i < backends.size(); ++i) {
            const Node& b = c.topology.nodes[c.index.to(backends[i])];
            const KindSpec* spec = b.spec();
            const double service = spec && spec->param("service_ms") ? b.number("service_ms") : 0;
            if (!spec || !spec->traits.application || service <= 0) {
                allFinite = false;
                break;
            }
            share[i] = static_cast<double>(b.integer(spec->serversParam)) * b.number("speed") /
                       service * static_cast<double>(b.integer("instances"));
        }
        if (!allFinite)
            std::fill(share.begin(), share.end(), 1.0);
    }
    double total = 0;
    for (double s : share)
        total += s;
    for (double& s : share)
        s = total > 0 ? s / total : 1.0 / static_cast<double>(share.size());
    return share;
}

void routeLoadBalancer(const ModelContext& c, std::size_t i, NodeRouting& r)
{
    const std::vector<std::size_t>& backends = c.index.out(i);
    const Node& lb = c.topology.nodes[i];
    const auto share = backendShares(c, lb, backends);
    // Round robin hands each backend every n-th request (Erlang-n gaps from a Poisson
    // stream); sticky sessions pin users instead, which spreads them at random.
    const bool inTurn = lb.text("algorithm") == "round_robin" && !lb.flag("sticky_sessions");
    const auto turn = static_cast<std::int64_t>(inTurn ? backends.size() : 1);
    for (std::size_t k = 0; k < backends.size(); ++k)
        r.calls.push_back({c.index.to(backends[k]), c.topology.links[backends[k]].latencyMs(),
                           share[k], share[k], false, share[k], turn});
}

std::string loadBalancerLoadRemedy(const Node&, const NodeEstimate&)
{
    return "raise the load balancer's workers or add a second one";
}

std::string loadBalancerSpofRemedy(const ModelContext&, std::size_t)
{
    return "run a second load balancer (active/passive with a floating address)";
}
} // namespace

extern const AnalysisModel kLoadBalancerModel{KindRole::LoadBalancer, &routeLoadBalancer,
                                              &loadBalancerLoadRemedy, &loadBalancerSpofRemedy};

} // namespace scalelab::core
