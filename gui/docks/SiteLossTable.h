#pragma once

#include <cstdint>
#include <vector>

#include <QTreeWidget>

#include "core/analysis/SiteLoss.h"
#include "core/sim/SiteOutages.h"

namespace scalelab::gui {

/// The analysis panel's data centers: for each site, what losing it costs as the analysis
/// estimates it (requests failed until the users move, when they are all back, the
/// longer way, acknowledged writes lost, what stays cut off), and beside it what a run
/// that lost the site measured.
class SiteLossTable : public QTreeWidget {
    Q_OBJECT
public:
    enum Column {
        ColSite,
        ColNodes,
        ColFailed,
        ColBackAfter,
        ColExtraMs,
        ColLostWrites,
        ColCutOff,
        ColSimFailed,
        ColSimLostWrites,
        ColNotes,
        ColCount
    };

    explicit SiteLossTable(QWidget* parent = nullptr);

    void setEstimates(std::vector<core::SiteLoss> losses);
    /// A run's outages and its lost writes (every cause together); none clears them.
    void setRun(std::vector<core::sim::SiteOutage> outages, std::uint64_t lostWrites);
    void clearRun() { setRun({}, 0); }
    /// The row of a site, null when it has none.
    QTreeWidgetItem* rowOf(const QString& site) const;

private:
    void fill();

    std::vector<core::SiteLoss> m_losses;
    std::vector<core::sim::SiteOutage> m_outages;
    std::uint64_t m_lostWrites = 0;
};

} // namespace scalelab::gui
