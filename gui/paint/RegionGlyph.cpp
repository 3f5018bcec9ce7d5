#include "gui/paint/RegionGlyph.h"

#include <array>
#include <map>

#include <QFont>
#include <QFontMetricsF>
#include <QObject>
#include <QPainter>

#include "core/model/Node.h"
#include "gui/canvas/CanvasStyle.h"

namespace scalelab::gui {

namespace {
QFont regionLabelFont()
{
    QFont f;
    f.setPointSizeF(8);
    f.setBold(true);
    f.setLetterSpacing(QFont::PercentageSpacing, 106);
    return f;
}

// Soft fills that read apart from the private network's blue: green, amber, violet, rose.
struct SiteColours {
    QColor fill, border, text;
};
const SiteColours& siteColours(int tint)
{
    static const std::array<SiteColours, 4> colours{{
        {{0xdc, 0xfc, 0xe7, 110}, {0x86, 0xc9, 0x9c}, {0x15, 0x80, 0x3d}},
        {{0xfe, 0xf3, 0xc7, 110}, {0xd9, 0xb4, 0x5a}, {0xa1, 0x62, 0x07}},
        {{0xed, 0xe9, 0xfe, 110}, {0xa7, 0x9b, 0xe0}, {0x6d, 0x28, 0xd9}},
        {{0xff, 0xe4, 0xe6, 110}, {0xe0, 0x9a, 0xa5}, {0xbe, 0x12, 0x3c}},
    }};
    return colours[static_cast<std::size_t>(tint) % colours.size()];
}

QRectF widenForLabel(QRectF area, const QString& label)
{
    const double labelWidth = QFontMetricsF(regionLabelFont()).horizontalAdvance(label) + 28;
    if (area.width() < labelWidth)
        area.adjust(-(labelWidth - area.width()) / 2, 0, (labelWidth - area.width()) / 2, 0);
    return area;
}
} // namespace

QRectF RegionGlyph::areaAround(const QRectF& privateNodes)
{
    if (privateNodes.isEmpty())
        return {};
    const QRectF area = privateNodes.adjusted(-18, -style::kRegionMargin + 8, 10, 14);
    // Never narrower than its label, so a single private node still reads "private network".
    return widenForLabel(area, QObject::tr("PRIVATE NETWORK"));
}

std::vector<RegionGlyph::Region> RegionGlyph::regionsOf(const std::vector<Placed>& nodes)
{
    std::vector<std::string> sites; // order of first appearance
    std::map<std::string, QRectF> siteRects, privateRects;
    for (const Placed& p : nodes) {
        const std::string site = p.node->site();
        if (!site.empty()) {
            if (!siteRects.count(site))
                sites.push_back(site);
            siteRects[site] = siteRects[site].united(p.rect);
        }
        if (p.node->network() == core::Network::Private)
            privateRects[site] = privateRects[site].united(p.rect);
    }
    return regionsFrom(sites, siteRects, privateRects);
}

std::vector<RegionGlyph::Region>
RegionGlyph::regionsFrom(const std::vector<std::string>& sites,
                         const std::map<std::string, QRectF>& siteRects,
                         const std::map<std::string, QRectF>& privateRects)
{
    std::vector<Region> out;
    for (std::size_t s = 0; s < sites.size(); ++s) {
        const auto found = siteRects.find(sites[s]);
        if (found == siteRects.end() || found->second.isEmpty())
            continue;
        // Around its private network too, with room for both labels.
        QRectF inner = found->second;
        if (auto it = privateRects.find(sites[s]);
            it != privateRects.end() && !it->second.isEmpty())
            inner = inner.united(areaAround(it->second));
        const QString label = QObject::tr("DATA CENTER %1").arg(QString::fromStdString(sites[s]));
        const QRectF area = widenForLabel(inner.adjusted(-16, -30, 16, 16), label);
        out.push_back({area, label, true, static_cast<int>(s), QString::fromStdString(sites[s])});
    }
    for (const auto& [site, rect] : privateRects)
        if (!rect.isEmpty())
            out.push_back({areaAround(rect), QObject::tr("PRIVATE NETWORK"), false, 0, {}});
    return out;
}

void RegionGlyph::paint(QPainter& painter, const QRectF& area)
{
    paint(painter, Region{area, QObject::tr("PRIVATE NETWORK"), false, 0, {}});
}

void RegionGlyph::paint(QPainter& painter, const Region& region)
{
    if (region.area.isEmpty())
        return;
    painter.setRenderHint(QPainter::Antialiasing);
    const SiteColours& site = siteColours(region.tint);
    QPen pen(region.site ? site.border : style::regionBorder(), region.site ? 1.6 : 1.2);
    if (!region.site)
        pen.setDashPattern({6, 4});
    painter.setPen(pen);
    painter.setBrush(region.site ? site.fill : style::regionFill());
    painter.drawRoundedRect(region.area, 16, 16);
    painter.setFont(regionLabelFont());
    painter.setPen(region.site ? site.text : style::regionText());
    painter.drawText(region.area.adjusted(14, 6, -14, -6), Qt::AlignLeft | Qt::AlignTop,
                     region.label);
}

} // namespace scalelab::gui
