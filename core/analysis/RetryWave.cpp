#include "core/analysis/RetryWave.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <boost/math/special_functions/gamma.hpp>

namespace scalelab::core {

namespace {

constexpr long kMaxCells = 1024;         // of the virtual wait V
constexpr std::int64_t kMaxServers = 64; // the states below c busy
constexpr long kMaxSteps = 12000;        // in all: a longer backoff leaves tries independent
constexpr int kSamples = 3;              // points of the uniform backoff factor
constexpr std::array<double, kSamples> kFactor{2.0 / 3, 1.0, 4.0 / 3};

// The station's state: atom[k], k < c servers busy and no wait; cell[i], V = i h (i >= 1).
struct Law {
    std::vector<double> atom, cell;
};

// Per generation k (try k times out and, with retries left, comes back), the rate of this
// client's tries timing out at each step, as prefix sums; index 0 is step -lead.
struct History {
    std::vector<std::vector<double>> sum;
};

class Wave {
public:
    explicit Wave(const RetryStation& s) : m_s(s)
    {
        m_c = static_cast<long>(s.servers);
        m_mu = 1.0 / s.serviceMs;
        const double cmu = static_cast<double>(m_c) * m_mu;
        // V past the patience is a jump at most; without one it drains past the budget.
        const double vmax = (s.patienceMs > 0 ? s.patienceMs : 2 * s.budgetMs) + 10 / cmu;
        double h = std::min(s.budgetMs / 48, 0.04 / (s.arrivalRate + cmu));
        h = std::max(h, vmax / kMaxCells);
        m_nb = std::max(1L, std::lround(s.budgetMs / h));
        m_h = s.budgetMs / static_cast<double>(m_nb); // the budget falls on a cell
        m_n = std::min(kMaxCells, static_cast<long>(std::ceil(vmax / m_h)));
        m_drop = s.patienceMs > 0 ? static_cast<long>(std::ceil(s.patienceMs / m_h)) : m_n + 1;
        m_r = std::exp(-cmu * m_h);
        m_p0 = 1 - std::sqrt(m_r);
        m_a = (1 - m_r) / std::sqrt(m_r);
        m_fresh = s.freshRate;
        m_background = std::max(0.0, s.arrivalRate - s.ownTryRate);
    }

    // The tables of a try's chance by V: cells^2 work with one server (see cost()).
    void prepare() { tabulate(); }

    long cells() const { return m_n + 1; }
    // The grid is fine enough for a service and a gap between arrivals (1024 cells may not
    // be, for a service far shorter than the timeout).
    bool resolves() const { return m_r > 1e-3 && m_s.arrivalRate * m_h < 3; }

    // M/M/c(+D) in steady state on the grid (rate arrivalRate; D = the patience).
    bool stationary(Law& law) const
    {
        const double lambda = m_s.arrivalRate;
        const double cmu = static_cast<double>(m_c) * m_mu;
        const double theta = cmu - lambda;
        const bool patient = m_drop <= m_n;
        if (lambda <= 0 || (theta <= 0 && !patient))
            return false;
        const double peak = theta >= 0 ? 0.0 : -theta * m_s.patienceMs;
        law.atom.assign(static_cast<std::size_t>(m_c), 0.0);
        law.cell.assign(static_cast<std::size_t>(m_n) + 1, 0.0);
        double a = std::exp(-peak); // P(c - 1 busy), relative
        for (long k = m_c - 1; k >= 0; --k) {
            law.atom[static_cast<std::size_t>(k)] = a;
            a *= static_cast<double>(k) * m_mu / lambda;
        }
        const double d = patient ? m_s.patienceMs : 0.0;
        for (long i = 1; i <= m_n; ++i) {
            const double x = static_cast<double>(i) * m_h;
            const double e = patient && x >= d ? -theta * d - cmu * (x - d) : -theta * x;
            law.cell[static_cast<std::size_t>(i)] = lambda * std::exp(e - peak) * m_h;
        }
        normalise(law);
        return true;
    }

    // The chance that a try of the client arriving now times out.
    double chance(const Law& law) const
    {
        double p = 0;
        for (double a : law.atom)
            p += a * m_tail[0];
        for (long i = 1; i <= m_n; ++i)
            p += law.cell[static_cast<std::size_t>(i)] * m_tail[static_cast<std::size_t>(i)];
        return p;
    }

    // A tagged try arrives: keep the states it leaves where it times out (its own work
    // added, unless dropped), normalised; returns the chance it timed out.
    double keepTimedOut(Law& law) const
    {
        std::vector<double> in(static_cast<std::size_t>(m_n) + 1, 0.0);
        Law out{std::vector<double>(law.atom.size(), 0.0),
                std::vector<double>(law.cell.size(), 0.0)};
        const auto c = static_cast<std::size_t>(m_c);
        for (std::size_t k = 0; k + 1 < c; ++k)
            out.atom[k + 1] += law.atom[k] * m_tail[0];
        // One server: the try's own service is the jump of V, and it times out when V after
        // it (plus the rest) passes the budget. Several: its service is its own.
        in[0] = law.atom[c - 1] * (c == 1 ? 1.0 : m_tail[0]);
        for (long i = 1; i <= m_n; ++i) {
            const auto u = static_cast<std::size_t>(i);
            if (i >= m_drop)
                out.cell[u] += law.cell[u]; // dropped: timed out, no work added
            else
                in[u] = law.cell[u] * (c == 1 ? 1.0 : m_tail[u]);
        }
        jump(in);
        for (std::size_t j = 0; j < in.size(); ++j) {
            const double w = c == 1 ? in[j] * m_after[j] : in[j];
            if (j == 0)
                out.atom[c - 1] += w;
            else
                out.cell[j] += w;
        }
        law = std::move(out);
        return normalise(law);
    }

    // One step of h with arrivals at `rate` per ms: arrivals, departures below c, the drift.
    void step(Law& law, double rate) const
    {
        const double pa = -std::expm1(-rate * m_h);
        const auto c = static_cast<std::size_t>(m_c);
        std::vector<double>& in = m_in;
        in.assign(static_cast<std::size_t>(m_n) + 1, 0.0);
        in[0] = pa * law.atom[c - 1];
        law.atom[c - 1] -= in[0];
        for (long i = 1; i < std::min(m_drop, m_n + 1); ++i) {
            const auto u = static_cast<std::size_t>(i);
            in[u] = pa * law.cell[u];
            law.cell[u] -= in[u];
        }
        for (std::size_t k = c - 1; k-- > 0;) { // k -> k + 1, top down
            const double up = pa * law.atom[k];
            law.atom[k] -= up;
            law.atom[k + 1] += up;
        }
        jump(in);
        law.atom[c - 1] += in[0];
        for (std::size_t u = 1; u < in.size(); ++u)
            law.cell[u] += in[u];
        for (std::size_t k = 1; k < c; ++k) { // a departure below c busy
            const double down = -std::expm1(-static_cast<double>(k) * m_mu * m_h) * law.atom[k];
            law.atom[k] -= down;
            law.atom[k - 1] += down;
        }
        law.atom[c - 1] += law.cell[1];
        std::copy(law.cell.begin() + 2, law.cell.end(), law.cell.begin() + 1);
        law.cell.back() = 0;
    }

    // Runs `law` from step `from` to `to`, the other tries' retries arriving as their
    // timeouts (recorded in `hist`) say; keeps a copy of the law at each step of `at`.
    void run(Law& law, History& hist, long lead, long from, long to, const std::vector<long>& at,
             std::vector<Law>& kept) const
    {
        const int g = m_s.retries;
        for (long s = from; s < to; ++s) {
            for (std::size_t j = 0; j < at.size(); ++j)
                if (at[j] == s)
                    kept[j] = law;
            double rate = m_background + m_fresh;
            std::vector<double> arrive(static_cast<std::size_t>(g) + 1, m_fresh);
            for (int k = 1; k <= g; ++k) {
                arrive[static_cast<std::size_t>(k)] = retryRate(hist, lead, k, s);
                rate += arrive[static_cast<std::size_t>(k)];
            }
            const double p = chance(law);
            for (int k = 0; k < g; ++k) {
                auto& sum = hist.sum[static_cast<std::size_t>(k)];
                sum.resize(static_cast<std::size_t>(s + lead) + 2);
                sum[static_cast<std::size_t>(s + lead) + 1] =
                    sum[static_cast<std::size_t>(s + lead)] +
                    arrive[static_cast<std::size_t>(k)] * p;
            }
            step(law, rate);
        }
    }

    // Retries (try k + 1) arriving at step s: the tries k that timed out a timeout plus a
    // backoff b 2^(k-1) U[0.5, 1.5) earlier.
    double retryRate(const History& hist, long lead, int k, long s) const
    {
        const auto& sum = hist.sum[static_cast<std::size_t>(k - 1)];
        const double b = m_s.backoffMs * std::ldexp(1.0, k - 1);
        const long far = s - std::lround((m_s.timeoutMs + 1.5 * b) / m_h) + lead;
        long near = s - std::lround((m_s.timeoutMs + 0.5 * b) / m_h) + lead;
        near = std::max(near, far + 1);
        const auto at = [&](long i) {
            return sum[static_cast<std::size_t>(
                std::clamp(i, 0L, static_cast<long>(sum.size()) - 1))];
        };
        return (at(near) - at(far)) / static_cast<double>(near - far);
    }

    // Steps from a try's arrival to the last sample point of its retry k.
    long reach(int k) const
    {
        const double b = m_s.backoffMs * std::ldexp(1.0, k - 1);
        return static_cast<long>(std::ceil((m_s.timeoutMs + 1.5 * b) / m_h)) + 1;
    }
    long sampleStep(int k, int j) const
    {
        const double b = m_s.backoffMs * std::ldexp(1.0, k - 1);
        return std::lround((m_s.timeoutMs + kFactor[static_cast<std::size_t>(j)] * b) / m_h);
    }

private:
    // V jumps by one service of the c servers, Exp(c mu), rounded to cells (P(0) = 1 - r^1/2,
    // P(m) = (1 - r) r^(m - 1/2)); what would pass the last cell stays there.
    void jump(std::vector<double>& v) const
    {
        double total = 0, carried = 0, s = 0;
        for (std::size_t j = 0; j < v.size(); ++j) {
            const double here = v[j];
            total += here;
            if (j > 0)
                s *= m_r;
            v[j] = m_p0 * here + m_a * s;
            carried += v[j];
            s += here;
        }
        v.back() += std::max(0.0, total - carried);
    }

    static double normalise(Law& law)
    {
        double t = 0;
        for (double a : law.atom)
            t += a;
        for (double x : law.cell)
            t += x;
        if (t > 0) {
            for (double& a : law.atom)
                a /= t;
            for (double& x : law.cell)
                x /= t;
        }
        return t;
    }

    // P(rest > u): the time after the service, gamma-fitted (a constant when it hardly varies).
    double restOver(double u) const
    {
        if (u < 0)
            return 1.0;
        const double m = m_s.restMs, var = m_s.restMs2 - m * m;
        if (m <= 0)
            return 0.0;
        if (!(var > 1e-12 * m * m))
            return m > u ? 1.0 : 0.0;
        return boost::math::gamma_q(m * m / var, u * m / var);
    }

    // m_tail[i]: a try arriving at V = i h (0: no wait) times out; m_after[j] (one server):
    // a try that leaves V = j h behind it times out (its own service is in V).
    void tabulate()
    {
        const auto n = static_cast<std::size_t>(m_n);
        // P(rest > budget - j h), j = 0..n.
        std::vector<double> over(n + 1);
        for (std::size_t j = 0; j <= n; ++j)
            over[j] = restOver(m_s.budgetMs - static_cast<double>(j) * m_h);
        // Cell j holds V within h/2 of j h: with no rest, the budget's cell is half over it.
        if (m_s.restMs <= 0 && static_cast<std::size_t>(m_nb) <= n)
            over[static_cast<std::size_t>(m_nb)] = 0.5;
        m_tail.assign(n + 1, 1.0);
        if (m_c == 1) {
            m_after = over;
            for (std::size_t i = 0; i <= n; ++i) {
                if (static_cast<long>(i) >= m_drop)
                    continue;
                double p = m_p0 * over[i], left = 1 - m_p0, pm = m_a;
                for (std::size_t m = 1; i + m <= n; ++m) {
                    pm *= m_r; // P(m) = a r^m
                    p += pm * over[i + m];
                    left -= pm;
                }
                m_tail[i] = p + std::max(0.0, left);
            }
            return;
        }
        // Several servers: P(S + rest > u), S ~ Exp(mu), u = budget - i h on the grid:
        // P(rest > u) + integral over y < u of the rest's density times e^(-mu (u - y)).
        std::vector<double> conv(static_cast<std::size_t>(m_nb) + 1, 0.0);
        const double e = std::exp(-m_mu * m_h), half = std::exp(-m_mu * m_h / 2);
        for (std::size_t j = 1; j < conv.size(); ++j) {
            const double cdfHi = 1 - restOver(static_cast<double>(j) * m_h);
            const double cdfLo = 1 - restOver(static_cast<double>(j - 1) * m_h);
            conv[j] = e * conv[j - 1] + std::max(0.0, cdfHi - cdfLo) * half;
        }
        const double atZero = m_s.restMs <= 0 ? 1.0 : 0.0; // a rest of 0: the whole mass at 0
        for (std::size_t i = 0; i <= n; ++i) {
            const long u = m_nb - static_cast<long>(i);
            if (static_cast<long>(i) >= m_drop || u <= 0)
                continue;
            const double uMs = static_cast<double>(u) * m_h;
            m_tail[i] =
                restOver(uMs) + conv[static_cast<std::size_t>(u)] + atZero * std::exp(-m_mu * uMs);
        }
    }

    const RetryStation& m_s;
    long m_c = 1, m_n = 1, m_nb = 1, m_drop = 0;
    double m_mu = 1, m_h = 1, m_r = 0, m_p0 = 0, m_a = 0, m_fresh = 0, m_background = 0;
    std::vector<double> m_tail, m_after;
    mutable std::vector<double> m_in;
};

} // namespace

std::vector<double> retryTimeoutChances(const RetryStation& s, double& work)
{
    for (double x : {s.arrivalRate, s.serviceMs, s.patienceMs, s.budgetMs, s.restMs, s.restMs2,
                     s.timeoutMs, s.backoffMs})
        if (!std::isfinite(x) || x < 0)
            return {};
    if (s.retries <= 0 || s.servers < 1 || s.servers > kMaxServers || !(s.serviceMs > 0) ||
        !(s.budgetMs > 0) || !(s.freshRate > 0) || !(s.arrivalRate >= s.freshRate))
        return {};
    Wave w(s);
    if (!w.resolves())
        return {};
    const int levels = std::min(s.retries, 2);
    long total = 2 * w.reach(1); // two passes of the first wave
    if (levels > 1)
        total += w.reach(2);
    // Cells x steps, with the tables (cells^2 with one server) and the mirror's lead.
    const double cells = static_cast<double>(w.cells());
    const double cost = static_cast<double>(total + w.reach(1)) * cells + cells * cells;
    if (total > kMaxSteps || cost > work)
        return {};
    work -= cost;
    w.prepare();
    Law start;
    if (!w.stationary(start))
        return {};
    // Before the tagged try the history is its mirror image (the spell taken as symmetric);
    // the first pass, with the steady rates there, gives the rates to mirror.
    const long lead = w.reach(1) + (levels > 1 ? w.reach(2) : 0);
    const double steady = w.chance(start);
    History hist;
    const auto baseline = [&](History& h) {
        h.sum.assign(static_cast<std::size_t>(s.retries), std::vector<double>(1, 0.0));
        double rate = s.freshRate;
        for (auto& sum : h.sum) {
            rate *= steady;
            sum.resize(static_cast<std::size_t>(lead) + 1);
            for (std::size_t i = 1; i < sum.size(); ++i)
                sum[i] = sum[i - 1] + rate;
        }
    };
    Law first = start;
    const double p1 = w.keepTimedOut(first);
    if (!(p1 > 1e-9)) // next to no timeouts: independent tries are as good
        return {};
    std::vector<long> at(kSamples);
    for (int j = 0; j < kSamples; ++j)
        at[static_cast<std::size_t>(j)] = w.sampleStep(1, j);
    std::vector<Law> kept(kSamples);
    for (int pass = 0; pass < 2; ++pass) {
        History fresh;
        baseline(fresh);
        if (pass == 1) // mirror the first pass's rates at -t
            for (std::size_t k = 0; k < fresh.sum.size(); ++k) {
                auto& sum = fresh.sum[k];
                const auto& ran = hist.sum[k];
                const double steadyRate = sum[1] - sum[0];
                for (long i = 1; i <= lead; ++i) {
                    // Prefix index i holds step i - 1 - lead; its mirror is step lead - i.
                    const auto src = static_cast<std::size_t>(2 * lead - i);
                    const auto u = static_cast<std::size_t>(i);
                    const double rate = src + 1 < ran.size() ? ran[src + 1] - ran[src] : steadyRate;
                    sum[u] = sum[u - 1] + rate;
                }
            }
        hist = std::move(fresh);
        Law law = first;
        w.run(law, hist, lead, 0, w.reach(1), at, kept);
    }
    std::vector<double> p{p1};
    double p2 = 0;
    for (auto& l : kept)
        p2 += w.keepTimedOut(l) / kSamples;
    p.push_back(p2);
    if (levels > 1 && !(p2 > 1e-9)) {
        p.push_back(p2);
    } else if (levels > 1) {
        // The second try that timed out at the middle sample carries on to its own retry.
        constexpr std::size_t mid = kSamples / 2;
        const long from = at[mid];
        History branch = hist;
        for (auto& sum : branch.sum)
            sum.resize(static_cast<std::size_t>(from + lead) + 1);
        std::vector<long> next(kSamples);
        for (int l = 0; l < kSamples; ++l)
            next[static_cast<std::size_t>(l)] = from + w.sampleStep(2, l);
        std::vector<Law> third(kSamples);
        Law law = kept[mid];
        w.run(law, branch, lead, from, from + w.reach(2), next, third);
        double p3 = 0;
        for (auto& l : third)
            p3 += w.keepTimedOut(l) / kSamples;
        p.push_back(p3);
    }
    while (static_cast<int>(p.size()) < s.retries + 1)
        p.push_back(p.back());
    return p;
}

} // namespace scalelab::core
