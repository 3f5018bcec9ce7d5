#pragma once

#include <cstddef>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace scalelab::core::experiment {

/// Where a sweep's points go as they finish, in point order: a document writer, a CSV
/// writer, a report, a table. The sweep keeps none of them, so its memory does not grow
/// with the number of points; a sink that needs them all keeps what it needs.
class SweepSink {
public:
    virtual ~SweepSink() = default;
    /// The document without its points: {format, file, vary, replications, seed}.
    virtual void begin(const nlohmann::ordered_json& header) = 0;
    /// Point `index`'s summary (sweepPoint()); it is gone after the call.
    virtual void point(std::size_t index, const nlohmann::ordered_json& summary) = 0;
    /// After the last point (a cancelled sweep's last one so far).
    virtual void end() = 0;
};

/// Hands each call on to several sinks, in the order they were added.
class SweepFanOut : public SweepSink {
public:
    void add(SweepSink& sink) { m_sinks.push_back(&sink); }
    void begin(const nlohmann::ordered_json& header) override
    {
        for (SweepSink* s : m_sinks)
            s->begin(header);
    }
    void point(std::size_t index, const nlohmann::ordered_json& summary) override
    {
        for (SweepSink* s : m_sinks)
            s->point(index, summary);
    }
    void end() override
    {
        for (SweepSink* s : m_sinks)
            s->end();
    }

private:
    std::vector<SweepSink*> m_sinks;
};

} // namespace scalelab::core::experiment
