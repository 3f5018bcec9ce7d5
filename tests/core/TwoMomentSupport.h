#pragma once

// Shared by the two-moment analysis tests: runs over seeds, the closed forms written out
// independently of the analyzer, and the checks with their tolerances.

#include <cmath>
#include <functional>
#include <vector>

#include <QTest>

#include "SimTestSupport.h"
#include "core/model/Topology.h"

namespace scalelab::testsupport {
using namespace scalelab::core;

struct Estimate {
    double mean = 0;
    double stdError = 0;
};

inline Estimate overSeeds(int seeds, const std::function<double(std::uint64_t)>& run)
{
    std::vector<double> v;
    for (int s = 0; s < seeds; ++s)
        v.push_back(run(4242 + static_cast<std::uint64_t>(s) * 7919));
    double mean = 0;
    for (double x : v)
        mean += x;
    mean /= seeds;
    double var = 0;
    for (double x : v)
        var += (x - mean) * (x - mean);
    var /= (seeds - 1);
    return {mean, std::sqrt(var / seeds)};
}

// Erlang C by direct summation.
inline double erlangC(int c, double a)
{
    double term = 1, sum = 1;
    for (int k = 1; k < c; ++k) {
        term *= a / k;
        sum += term;
    }
    const double last = term * a / c * c / (c - a);
    return last / (sum + last);
}

// M/M/c mean wait, ms.
inline double mmcWaitMs(int c, double lambda, double serviceMs)
{
    const double mu = 1000.0 / serviceMs;
    return erlangC(c, lambda / mu) / (c * mu - lambda) * 1000.0;
}

// GI/M/1 mean wait (ms) by the fixed-point iteration sigma <- A*(mu (1 - sigma)) from 0,
// which rises monotonically to the root in (0, 1); `transform` is the gaps' LST (seconds).
inline double giM1WaitMs(const std::function<double(double)>& transform, double serviceMs)
{
    const double mu = 1000.0 / serviceMs;
    double sigma = 0;
    for (int i = 0; i < 100000; ++i)
        sigma = transform(mu * (1 - sigma));
    return sigma / (mu * (1 - sigma)) * 1000.0;
}

inline double dm1WaitMs(double lambda, double serviceMs)
{
    return giM1WaitMs([&](double s) { return std::exp(-s / lambda); }, serviceMs);
}

inline double ekm1WaitMs(int k, double lambda, double serviceMs)
{
    return giM1WaitMs([&](double s) { return std::pow(k * lambda / (k * lambda + s), k); },
                      serviceMs);
}

inline Node webServer(const char* id, int workers, double serviceMs, ParamMap extra = {})
{
    ParamMap p{{"workers", std::int64_t{workers}}, {"service_ms", serviceMs}};
    for (auto& [k, v] : extra)
        p[k] = v;
    return makeNode(id, "web_server", std::move(p));
}

inline Node client(double rate, bool constant = false, double readRatio = 1.0)
{
    return makeNode("users", "client",
                    {{"rate_rps", rate},
                     {"read_ratio", readRatio},
                     {"arrival", std::string(constant ? "constant" : "poisson")}});
}

inline double relErr(double actual, double expected)
{
    return (actual - expected) / expected;
}

// Simulated figure against a reference: reports, and checks that the run is precise enough
// for the tolerance (95% half-width under a third of it) and within it.
inline void checkSim(const char* what, const Estimate& sim, double expected, double tolerance)
{
    const double half = 1.96 * sim.stdError;
    qInfo("%s: simulated %.5f ± %.5f (%.2f%%), reference %.5f, error %+.2f%%", what, sim.mean, half,
          100 * half / sim.mean, expected, 100 * relErr(sim.mean, expected));
    QVERIFY2(half < tolerance * expected / 2, "simulation too short for the tolerance");
    QVERIFY2(std::abs(relErr(sim.mean, expected)) < tolerance, what);
}

// An analysed figure against the simulated one (the reference: error relative to it).
inline void checkEstimate(const char* what, const Estimate& sim, double analysed, double tolerance)
{
    const double half = 1.96 * sim.stdError;
    qInfo("%s: analysed %.5f, simulated %.5f ± %.5f (%.2f%%), error %+.2f%%", what, analysed,
          sim.mean, half, 100 * half / sim.mean, 100 * relErr(analysed, sim.mean));
    QVERIFY2(half < tolerance * sim.mean / 2, "simulation too short for the tolerance");
    QVERIFY2(std::abs(relErr(analysed, sim.mean)) < tolerance, what);
}

inline void checkAnalysis(const char* what, double analysed, double expected, double tolerance)
{
    qInfo("%s: analysed %.5f, reference %.5f, error %+.2f%%", what, analysed, expected,
          100 * relErr(analysed, expected));
    QVERIFY2(std::abs(relErr(analysed, expected)) < tolerance, what);
}

inline Topology withRun(Topology t, double durationS, std::uint64_t seed)
{
    t.simulation = {durationS, 5.0, seed};
    return t;
}

} // namespace scalelab::testsupport
