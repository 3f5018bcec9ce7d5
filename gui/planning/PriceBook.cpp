#include "gui/planning/PriceBook.h"

#include <QFileInfo>
#include <QLocale>
#include <QStringList>

namespace scalelab::gui {

PriceBook& PriceBook::instance()
{
    static PriceBook book;
    return book;
}

bool PriceBook::load(const QString& path, QString* errors)
{
    const core::PriceSheetLoad loaded = core::loadPriceSheetFile(path.toStdString());
    if (!loaded.sheet) {
        QStringList lines;
        for (const auto& d : loaded.diagnostics)
            lines << QString::fromStdString(d.toString());
        if (errors)
            *errors = lines.join(QLatin1Char('\n'));
        return false;
    }
    m_sheet = loaded.sheet;
    m_path = path;
    Q_EMIT changed();
    return true;
}

void PriceBook::clear()
{
    m_sheet.reset();
    m_path.clear();
    Q_EMIT changed();
}

QString PriceBook::sheetName() const
{
    if (!m_sheet)
        return {};
    return m_sheet->name.empty() ? QFileInfo(m_path).fileName()
                                 : QString::fromStdString(m_sheet->name);
}

core::Topology PriceBook::priced(const core::Topology& topology) const
{
    core::Topology copy = topology;
    apply(copy);
    return copy;
}

void PriceBook::apply(core::Topology& topology) const
{
    if (m_sheet)
        core::applyPrices(topology, *m_sheet);
}

QString costText(double perHour, double perMonth)
{
    const QLocale english(QLocale::English);
    // Cents, except below a dollar an hour, where small kinds (DNS at $0.01) need a tenth.
    return QStringLiteral("$%1/h · $%2/month")
        .arg(english.toString(perHour, 'f', perHour < 1 ? 3 : 2),
             english.toString(perMonth, 'f', 0));
}

} // namespace scalelab::gui
