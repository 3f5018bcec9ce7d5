#include "core/analysis/ArrivalFlow.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace scalelab::core {

ArrivalFlow thinned(const ArrivalFlow& flow, double p)
{
    if (p >= 1.0 - 1e-12)
        return flow;
    if (flow.shape == RenewalShape::Poisson)
        return flow;
    p = std::max(p, 0.0);
    return ArrivalFlow::general(p * flow.scv + 1.0 - p);
}

ArrivalFlow everyKth(const ArrivalFlow& flow, std::int64_t k)
{
    if (k <= 1)
        return flow;
    const auto kd = static_cast<double>(k);
    switch (flow.shape) {
    case RenewalShape::Poisson:
        return {1.0 / kd, RenewalShape::Erlang, k};
    case RenewalShape::Erlang:
        return {flow.scv / kd, RenewalShape::Erlang, flow.phases * k};
    case RenewalShape::Deterministic:
        return flow;
    case RenewalShape::General:
        break;
    }
    // Exact for a renewal stream, an approximation for a merged or departed one.
    return ArrivalFlow::general(flow.scv / kd);
}

ArrivalFlow merged(const std::vector<std::pair<double, ArrivalFlow>>& inputs)
{
    double total = 0, weighted = 0;
    std::size_t nonEmpty = 0;
    const ArrivalFlow* only = nullptr;
    bool allPoisson = true;
    for (const auto& [rate, flow] : inputs) {
        if (rate <= 0)
            continue;
        ++nonEmpty;
        only = &flow;
        total += rate;
        weighted += rate * flow.scv;
        allPoisson = allPoisson && flow.shape == RenewalShape::Poisson;
    }
    if (nonEmpty == 0 || allPoisson)
        return ArrivalFlow::poisson();
    if (nonEmpty == 1)
        return *only;
    // QNA's basic merge (its refinement by heavy-traffic weights is left out): a merge of
    // many small streams is closer to Poisson than this says.
    return ArrivalFlow::general(weighted / total);
}

ArrivalFlow departures(const ArrivalFlow& arrivals, double rho, double serviceScv,
                       std::int64_t servers, bool exponentialService)
{
    if (!(rho > 0))
        return arrivals;
    if (arrivals.shape == RenewalShape::Poisson && exponentialService)
        return arrivals;
    const double r = std::min(rho, 1.0);
    const double c = static_cast<double>(std::max<std::int64_t>(servers, 1));
    const double scv =
        1.0 + (1.0 - r * r) * (arrivals.scv - 1.0) + r * r * (serviceScv - 1.0) / std::sqrt(c);
    return ArrivalFlow::general(std::max(scv, 0.0));
}

bool hasExactGiM1(const ArrivalFlow& flow)
{
    return flow.shape != RenewalShape::General;
}

double giM1Wait(const ArrivalFlow& flow, double lambda, double s)
{
    constexpr double inf = std::numeric_limits<double>::infinity();
    if (lambda <= 0 || s <= 0)
        return 0.0;
    const double rho = lambda * s;
    if (rho >= 1.0)
        return inf;
    const double mu = 1.0 / s;
    // Laplace-Stieltjes transform of the gap between arrivals (mean 1 / lambda).
    const auto transform = [&](double x) {
        switch (flow.shape) {
        case RenewalShape::Deterministic:
            return std::exp(-x / lambda);
        case RenewalShape::Erlang: {
            const auto k = static_cast<double>(flow.phases);
            return std::pow(k * lambda / (k * lambda + x), k);
        }
        case RenewalShape::Poisson:
        case RenewalShape::General:
            break;
        }
        return lambda / (lambda + x);
    };
    // f(sigma) = A*(mu (1 - sigma)) - sigma is > 0 at 0 and < 0 just below 1 (its slope
    // there is 1 / rho - 1 > 0): bisection finds the one root in (0, 1).
    double lo = 0, hi = 1;
    for (int i = 0; i < 200 && hi - lo > 1e-15; ++i) {
        const double mid = 0.5 * (lo + hi);
        (transform(mu * (1.0 - mid)) - mid > 0 ? lo : hi) = mid;
    }
    const double sigma = 0.5 * (lo + hi);
    return sigma / (mu * (1.0 - sigma));
}

} // namespace scalelab::core
