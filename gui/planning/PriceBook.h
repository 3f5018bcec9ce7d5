#pragma once

#include <optional>

#include <QObject>
#include <QString>

#include "core/cost/PriceSheet.h"
#include "core/model/Topology.h"

namespace scalelab::gui {

/// The price sheet the window uses (File > Load Price Sheet), one for the application:
/// the analysis panel, the live run and reports price designs with it. Without a sheet the
/// registry's illustrative defaults stand.
class PriceBook : public QObject {
    Q_OBJECT
public:
    static PriceBook& instance();

    /// Loads a `scalelab-prices/1` file; on failure keeps the current sheet and returns
    /// the located errors, one a line.
    bool load(const QString& path, QString* errors);
    void clear();
    const std::optional<core::PriceSheet>& sheet() const { return m_sheet; }
    QString sheetName() const;

    /// A copy of `topology` priced with the sheet (the same topology without one).
    core::Topology priced(const core::Topology& topology) const;
    void apply(core::Topology& topology) const;

Q_SIGNALS:
    void changed();

private:
    PriceBook() = default;
    std::optional<core::PriceSheet> m_sheet;
    QString m_path;
};

/// "$1.93/h · $1,409/month" for the window's labels.
QString costText(double perHour, double perMonth);

} // namespace scalelab::gui
