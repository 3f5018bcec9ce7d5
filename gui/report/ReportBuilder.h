#pragma once

#include <map>
#include <optional>

#include <nlohmann/json_fwd.hpp>

#include <QDateTime>
#include <QImage>
#include <QString>

#include "core/analysis/Analysis.h"
#include "core/model/Topology.h"
#include "gui/report/ReportProvenance.h"

namespace scalelab::gui {

struct EmbeddedVideo;

/// Builds the report as HTML. For a browser every picture is inline SVG; for the PDF path
/// (QTextDocument, which cannot show SVG) pictures are `<img>` names whose images are
/// collected in `images()` to be added as document resources.
class ReportBuilder {
public:
    enum class Target { Browser, TextDocument };

    ReportBuilder(const core::Topology& topology, const nlohmann::json& results, Target target);

    void setGenerated(const QDateTime& when) { m_generated = when; }
    /// Version and design hash for the title block (none: the title block omits them).
    void setProvenance(ReportProvenance provenance) { m_provenance = std::move(provenance); }
    /// A recording of the run, shown after the diagram; it must outlive html().
    void setVideo(const EmbeddedVideo* video) { m_video = video; }
    QString html();
    const std::map<QString, QImage>& images() const { return m_images; }

private:
    const core::Topology& m_topology;
    const nlohmann::json& m_results;
    Target m_target;
    core::Analysis m_analysis;
    QDateTime m_generated;
    std::map<QString, QImage> m_images;
    bool m_hasRun = false;
    std::optional<ReportProvenance> m_provenance;
    const EmbeddedVideo* m_video = nullptr;

    QString provenanceLines() const;
    QString videoSection();

    QString head() const;
    QString titleBlock() const;
    QString diagramSection();
    QString summarySection() const;
    QString jobsSection() const;   ///< ReportJobs.cpp: message queues, estimate beside the run
    QString shardsSection() const; ///< ReportShards.cpp: each shard, estimate beside the run
    QString sitesSection() const;  ///< ReportSites.cpp: data centers, estimate beside the run
    QString chartsSection();
    QString eventsSection() const;
    QString comparisonSection() const;
    QString poolsParagraph() const;
    QString findingsSection() const;
    QString goalsSection() const;
    /// ReportConfidence.cpp: the run's 95% intervals and its warnings, under the tiles.
    QString confidenceParagraph() const;
    /// " ± 1.2" (percentage points) after a node's simulated utilization, or nothing.
    QString utilizationInterval(const std::string& node) const;
    QString footer() const;

    /// An SVG picture inline (browser) or as a rasterised resource (PDF).
    QString picture(const QString& name, const QString& svg, int width, int height);
    QString sectionTitle(const QString& text, bool newPage = false) const;
};

/// The "Components" and "Scenario" sections: every node's parameters read from the
/// kind registry (name, value, unit, help), then the timed actions.
QString componentsHtml(const core::Topology& topology);
QString scenarioHtml(const core::Topology& topology);

/// Shared number formatting for the report: "1,234.5", "99.95 %", "-" for missing.
QString reportNumber(double value, int decimals);
QString reportMs(double value);

} // namespace scalelab::gui
