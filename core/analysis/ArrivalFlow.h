#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace scalelab::core {

/// The shape of a stream of requests, known exactly while it stays a renewal process of a
/// family with a closed form (Poisson, evenly spaced, Erlang-k), else `General`.
enum class RenewalShape { Poisson, Deterministic, Erlang, General };

/// Second-moment description of an arrival stream, as Whitt's Queueing Network Analyzer
/// (QNA, 1983) carries it: the squared coefficient of variation (SCV) of the gaps between
/// requests. The rate travels beside it (the flow model's per-class rates).
struct ArrivalFlow {
    double scv = 1;
    RenewalShape shape = RenewalShape::Poisson;
    std::int64_t phases = 1; ///< Erlang: k (scv = 1 / k)

    static ArrivalFlow poisson() { return {}; }
    static ArrivalFlow constant() { return {0.0, RenewalShape::Deterministic, 1}; }
    static ArrivalFlow general(double scv) { return {scv, RenewalShape::General, 1}; }
};

/// A random (Bernoulli) split keeping share p of the requests: c^2 = p c^2 + 1 - p, exact
/// for a renewal input; Poisson stays Poisson.
ArrivalFlow thinned(const ArrivalFlow& flow, double p);

/// Every k-th request (round robin over k receivers): the gap is the sum of k gaps, so a
/// renewal stream keeps its family with SCV c^2 / k (Poisson becomes Erlang-k exactly).
ArrivalFlow everyKth(const ArrivalFlow& flow, std::int64_t k);

/// Streams merged at one node, each with its rate: QNA's rate-weighted SCV (Poisson
/// streams merge into a Poisson stream exactly; one non-empty stream is itself).
ArrivalFlow merged(const std::vector<std::pair<double, ArrivalFlow>>& inputs);

/// Departures of a c-server station at utilization rho with service SCV cs2 (QNA):
/// c_d^2 = 1 + (1 - rho^2)(c_a^2 - 1) + rho^2 (cs2 - 1) / sqrt(c). Exact cases kept: no
/// service time passes the stream on unchanged; M/M/c departs as Poisson (Burke).
ArrivalFlow departures(const ArrivalFlow& arrivals, double rho, double serviceScv,
                       std::int64_t servers, bool exponentialService);

/// Mean wait of a GI/M/1 queue, exactly: sigma solves sigma = A*(mu (1 - sigma)), with A* the
/// Laplace-Stieltjes transform of the gaps, and Wq = sigma / (mu (1 - sigma)). Defined for
/// Deterministic and Erlang flows (D/M/1, E_k/M/1; Poisson gives M/M/1); +inf when rho >= 1.
double giM1Wait(const ArrivalFlow& flow, double arrivalRate, double meanServiceTime);

/// True when giM1Wait has the transform of this flow.
bool hasExactGiM1(const ArrivalFlow& flow);

} // namespace scalelab::core
