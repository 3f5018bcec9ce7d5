#include "core/analysis/PatienceQueue.h"

#include <algorithm>
#include <cmath>

#include "core/analysis/ErlangC.h"
#include "core/analysis/GgcQueue.h"

namespace scalelab::core {

namespace {

// K_j(a, L) = integral over [0, L] of y^j e^(-a y) dy, a >= 0, j <= 2; by parts
// K_j = (j K_{j-1} - L^j e^(-a L)) / a, by its series when a L is small (no cancellation).
double expMoment(int j, double a, double length)
{
    if (length <= 0)
        return 0;
    if (a * length < 1e-4) {
        const double l = std::pow(length, j + 1);
        return l / (j + 1) - a * l * length / (j + 2) + a * a * l * length * length / (2 * (j + 3));
    }
    const double e = std::exp(-a * length);
    double k = -std::expm1(-a * length) / a;
    for (int i = 1; i <= j; ++i)
        k = (i * k - std::pow(length, i) * e) / a;
    return k;
}

// Exponents of the wait density are taken relative to its largest value on [0, D] (at 0
// when theta >= 0, at D when the queue is overloaded), so nothing overflows at any load:
// the stored q is the true q times that largest value.
double logPeak(const PatienceQueue& p)
{
    const double theta = static_cast<double>(p.servers) * p.mu - p.lambda;
    return theta >= 0 ? 0.0 : -theta * p.patience;
}

// Integral over [0, b] (b <= D) of x^k e^(-theta x) / peak.
double densityMoment(const PatienceQueue& p, int k, double b)
{
    const double theta = static_cast<double>(p.servers) * p.mu - p.lambda;
    if (theta >= 0)
        return expMoment(k, theta, b);
    // x = b - y: e^(-theta x - theta D) = e^(theta (D - b)) e^(theta y)
    const double a = -theta;
    const double front = std::exp(theta * (p.patience - b));
    const double k0 = expMoment(0, a, b), k1 = expMoment(1, a, b), k2 = expMoment(2, a, b);
    if (k == 0)
        return front * k0;
    if (k == 1)
        return front * (b * k0 - k1);
    return front * (b * b * k0 - 2 * b * k1 + k2);
}

// Integral over [0, b] of the density times e^(-mu (B - x)): served, then its own service
// outlasts the budget B.
double lateServed(const PatienceQueue& p, double b, double budget)
{
    const double theta = static_cast<double>(p.servers) * p.mu - p.lambda;
    const double c1 = p.mu - theta;
    const double c0 = -p.mu * budget - logPeak(p);
    const double integral =
        c1 >= 0 ? std::exp(c0 + c1 * b) * expMoment(0, c1, b) : std::exp(c0) * expMoment(0, -c1, b);
    return p.lambda * p.q * integral;
}

} // namespace

PatienceQueue mmcPatience(double lambda, double serviceTime, std::int64_t servers, double patience)
{
    PatienceQueue p;
    p.lambda = lambda;
    p.mu = 1.0 / serviceTime;
    p.servers = std::max<std::int64_t>(servers, 1);
    p.patience = std::max(0.0, patience);
    const double cmu = static_cast<double>(p.servers) * p.mu;
    const double theta = cmu - lambda;
    const double peak = logPeak(p);
    // Below c busy: q / B(c - 1, a); B underflows to 0 for many idle servers (q is then 0).
    const double b = erlangB(p.servers - 1, lambda / p.mu);
    const double idlePerQ = b > 0 ? std::exp(-peak) / b : HUGE_VAL;
    const double dropPerQ = lambda / cmu * std::exp(-theta * p.patience - peak);
    p.q = 1.0 / (idlePerQ + lambda * densityMoment(p, 0, p.patience) + dropPerQ);
    p.idleMass = std::isfinite(idlePerQ) ? p.q * idlePerQ : 1.0;
    return p;
}

double PatienceQueue::dropShare() const
{
    const double cmu = static_cast<double>(servers) * mu;
    return lambda / cmu * q * std::exp(-(cmu - lambda) * patience - logPeak(*this));
}

double PatienceQueue::density(double x) const
{
    const double theta = static_cast<double>(servers) * mu - lambda;
    return lambda * q * std::exp(-theta * x - logPeak(*this));
}

std::pair<double, double> ScaledPatience::densitySpan(double b) const
{
    // The density is e^(-theta x / k) / k: decaying from 0, or growing towards b.
    const double theta = (static_cast<double>(queue.servers) * queue.mu - queue.lambda) / scale;
    const double reach = std::abs(theta) > 0 ? 30 / std::abs(theta) : b;
    return theta >= 0 ? std::pair{0.0, std::min(b, reach)} : std::pair{std::max(0.0, b - reach), b};
}

double PatienceQueue::utilization() const
{
    return lambda * (1 - dropShare()) / (static_cast<double>(servers) * mu);
}

double PatienceQueue::probWait() const
{
    const double served = 1 - dropShare();
    return served > 0 ? std::max(0.0, served - idleMass) / served : 0.0;
}

double PatienceQueue::meanWait() const
{
    const double served = 1 - dropShare();
    return served > 0 ? lambda * q * densityMoment(*this, 1, patience) / served : 0.0;
}

double PatienceQueue::secondWait() const
{
    const double served = 1 - dropShare();
    return served > 0 ? lambda * q * densityMoment(*this, 2, patience) / served : 0.0;
}

double PatienceQueue::lateShare(double budget) const
{
    if (budget <= 0)
        return 1.0;
    const double b = std::min(budget, patience);
    // Dropped; or served from the start, or after a wait below b, and finished after B; or
    // waited between b and D (served, but too late).
    const double waitedPast =
        lambda * q * (densityMoment(*this, 0, patience) - densityMoment(*this, 0, b));
    const double late =
        dropShare() + idleMass * std::exp(-mu * budget) + lateServed(*this, b, budget) + waitedPast;
    return std::clamp(late, 0.0, 1.0);
}

double PatienceQueue::answeredMean(double budget) const
{
    const double inTime = 1 - lateShare(budget);
    if (budget <= 0 || inTime <= 0)
        return budget;
    const double b = std::min(budget, patience);
    // E[V + S; V + S <= B]: at once, S <= B; after a wait x < b, x + S <= B, which is
    // (x + 1/mu) less (B + 1/mu) e^(-mu (B - x)) integrated against the density.
    const double idle = idleMass * mu * expMoment(1, mu, budget);
    const double waited =
        lambda * q * (densityMoment(*this, 1, b) + densityMoment(*this, 0, b) / mu) -
        (budget + 1 / mu) * lateServed(*this, b, budget);
    return (idle + waited) / inTime;
}

ScaledPatience ggcPatience(double lambda, double serviceTime, std::int64_t servers, double patience,
                           double arrivalScv, double serviceScv)
{
    const double rho =
        lambda * serviceTime / static_cast<double>(std::max<std::int64_t>(servers, 1));
    const double k = std::max(
        whittPhi(rho, arrivalScv, serviceScv, servers) * 0.5 * (arrivalScv + serviceScv), 1e-3);
    return {mmcPatience(lambda, serviceTime, servers, patience / k), k};
}

} // namespace scalelab::core
