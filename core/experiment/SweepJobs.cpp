#include "core/experiment/SweepJobs.h"

#include <stdexcept>

#include <fmt/format.h>

#include "core/experiment/RunFigures.h"
#include "core/experiment/RunSeed.h"
#include "core/experiment/Sweep.h"
#include "core/io/TopologyJson.h"

namespace scalelab::core::experiment {

namespace sweep_jobs_detail {

int digits(std::size_t count)
{
    int d = 1;
    for (std::size_t n = count > 0 ? count - 1 : 0; n >= 10; n /= 10)
        ++d;
    return d;
}

[[noreturn]] void bad(const std::string& why)
{
    throw std::invalid_argument(why);
}

} // namespace sweep_jobs_detail

SweepJobs::SweepJobs(const SweepDesign& design, std::vector<std::string> varyArgs, std::string file,
                     std::size_t replications)
    : m_design(design), m_varyArgs(std::move(varyArgs)), m_file(std::move(file)),
      m_replications(replications), m_pointDigits(sweep_jobs_detail::digits(design.points())),
      m_replicationDigits(sweep_jobs_detail::digits(replications))
{
}

std::string SweepJobs::stem(std::size_t run) const
{
    return fmt::format("p{:0{}}-r{:0{}}", run / m_replications, m_pointDigits, run % m_replications,
                       m_replicationDigits);
}

std::string SweepJobs::topologyText(std::size_t run) const
{
    const std::size_t point = run / m_replications;
    Topology t = m_design.topology(point);
    t.simulation.seed = runSeed(m_design.base().simulation.seed, point, run % m_replications);
    return saveTopology(t);
}

std::string SweepJobs::line(std::size_t run) const
{
    const std::string s = stem(run);
    return fmt::format("scalelab run {0}.scalelab --json {0}.json", s);
}

nlohmann::ordered_json SweepJobs::manifest() const
{
    nlohmann::ordered_json m;
    m["format"] = kSweepJobsFormat;
    m["file"] = m_file;
    m["replications"] = m_replications;
    m["vary"] = m_varyArgs;
    m["runs"] = runs();
    // The design every run derives from, as a document: the merge rebuilds the points
    // from it and the --vary texts, so it needs nothing but this folder.
    m["base"] = nlohmann::ordered_json::parse(saveTopology(m_design.base()));
    return m;
}

void mergeSweepJobs(const nlohmann::json& manifest, const ResultsReader& read, SweepSink& sink)
{
    using sweep_jobs_detail::bad;
    if (!manifest.is_object() || manifest.value("format", std::string()) != kSweepJobsFormat)
        bad(fmt::format("not a sweep manifest (its format must be \"{}\")", kSweepJobsFormat));
    if (!manifest.contains("base") || !manifest.contains("vary") || !manifest["vary"].is_array() ||
        !manifest.contains("replications") || !manifest["replications"].is_number_unsigned() ||
        manifest["replications"].get<std::size_t>() == 0 || !manifest.contains("file") ||
        !manifest["file"].is_string())
        bad("the sweep manifest lacks base, vary, replications or file");
    const LoadResult loaded = loadTopology(manifest["base"].dump());
    if (!loaded.ok())
        bad("the sweep manifest's base design does not load: " +
            (loaded.diagnostics.empty() ? std::string() : loaded.diagnostics.front().toString()));
    std::vector<SweepAxis> axes;
    std::vector<std::string> varyArgs;
    for (const auto& v : manifest["vary"]) {
        if (!v.is_string())
            bad("the sweep manifest's vary must be texts");
        varyArgs.push_back(v.get<std::string>());
        axes.push_back(parseVary(varyArgs.back(), *loaded.topology));
    }
    const SweepDesign design(*loaded.topology, std::move(axes));
    const std::size_t replications = manifest["replications"].get<std::size_t>();
    const SweepJobs jobs(design, varyArgs, manifest["file"].get<std::string>(), replications);

    sink.begin(sweepHeader(design, manifest["file"].get<std::string>(), replications));
    SweepCollector collector(
        design, replications,
        [&](std::size_t point, const nlohmann::ordered_json& p) { sink.point(point, p); });
    for (std::size_t run = 0; run < jobs.runs(); ++run) {
        const std::optional<nlohmann::ordered_json> results = read(jobs.stem(run));
        if (!results)
            bad(fmt::format("{}.json is missing or unreadable: run line {} of jobs.txt ({})",
                            jobs.stem(run), run + 1, jobs.line(run)));
        collector.add(run / replications, figuresOf(*results), {});
    }
    sink.end();
}

nlohmann::ordered_json mergeSweepJobs(const nlohmann::json& manifest, const ResultsReader& read)
{
    SweepDocumentBuilder builder;
    mergeSweepJobs(manifest, read, builder);
    return builder.take();
}

} // namespace scalelab::core::experiment
