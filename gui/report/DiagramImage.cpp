#include "gui/report/DiagramImage.h"

#include <algorithm>
#include <cmath>

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QPainter>
#include <QRegularExpression>
#include <QSvgGenerator>

#include "gui/paint/DiagramPainter.h"
#include "gui/util/AtomicWrite.h"
#include "gui/util/SafeText.h"

namespace scalelab::gui {

namespace diagram_detail {
QSizeF naturalSize(const DiagramPainter& diagram)
{
    const QRectF bounds = diagram.bounds();
    if (bounds.isEmpty())
        return {320, 120};
    // The painter leaves a margin inside the target; the picture gets the same breathing
    // room. Whole pixels, so the SVG's size and view box agree exactly.
    constexpr double kMargin = DiagramPainter::kMargin;
    return {std::ceil(bounds.width() + 2 * kMargin), std::ceil(bounds.height() + 2 * kMargin)};
}
} // namespace diagram_detail

QByteArray diagramSvg(const core::Topology& topology)
{
    const DiagramPainter diagram(topology);
    const QSizeF size = diagram_detail::naturalSize(diagram);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size.toSize());
    generator.setViewBox(QRectF(QPointF(0, 0), size));
    // QSvgGenerator writes the title into the XML as given (Qt 6.4): the name comes from the
    // file, so escape it, or "R&D <draft>" breaks the XML and "</title><script>" adds a
    // live script to the SVG and to the HTML report that inlines it.
    generator.setTitle(markupText(
        QString::fromStdString(topology.name.empty() ? "ScaleLab diagram" : topology.name)));
    generator.setDescription(QStringLiteral("Drawn by ScaleLab"));
    {
        QPainter painter(&generator);
        painter.fillRect(QRectF(QPointF(0, 0), size), Qt::white);
        diagram.paint(painter, QRectF(QPointF(0, 0), size));
    }
    // QSvgGenerator sizes the picture in millimetres; pixels are what viewers expect.
    QByteArray svg = buffer.data();
    const int end = svg.indexOf('>', svg.indexOf("<svg"));
    QString tag = QString::fromUtf8(svg.left(end));
    tag.replace(QRegularExpression(QStringLiteral("width=\"[^\"]*\" height=\"[^\"]*\"")),
                QStringLiteral("width=\"%1\" height=\"%2\"")
                    .arg(qRound(size.width()))
                    .arg(qRound(size.height())));
    return tag.toUtf8() + svg.mid(end);
}

QImage diagramImage(const core::Topology& topology, double scale)
{
    const DiagramPainter diagram(topology);
    const QSizeF natural = diagram_detail::naturalSize(diagram);
    // A far-flung diagram would want gigabytes at the scale asked for: shrink it to fit
    // kMaxImageSide per side and kMaxImagePixels in all (the SVG keeps every detail).
    const double fit =
        std::min({scale, kMaxImageSide / natural.width(), kMaxImageSide / natural.height(),
                  std::sqrt(kMaxImagePixels / (natural.width() * natural.height()))});
    const QSizeF size = natural * fit;
    QImage image(size.toSize().expandedTo(QSize(1, 1)), QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return image;
    image.fill(Qt::white);
    QPainter painter(&image);
    diagram.paint(painter, QRectF(QPointF(0, 0), size));
    painter.end();
    return image;
}

bool exportDiagramImage(const core::Topology& topology, const QString& path, QString* error)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    const auto fail = [&](const QString& why) {
        if (error)
            *error = why;
        return false;
    };
    if (suffix == QLatin1String("svg")) {
        QString problem;
        if (!writeFileAtomically(path, diagramSvg(topology), &problem))
            return fail(problem);
        return true;
    }
    if (suffix == QLatin1String("png")) {
        // Twice the natural size: crisp on high-density screens and in slides.
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        QString problem;
        if (!diagramImage(topology, 2.0).save(&buffer, "PNG"))
            return fail(QStringLiteral("cannot encode the picture as PNG"));
        if (!writeFileAtomically(path, png, &problem))
            return fail(problem);
        return true;
    }
    return fail(QStringLiteral("unknown image type '.%1': use .png or .svg").arg(suffix));
}

} // namespace scalelab::gui
