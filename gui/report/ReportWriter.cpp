#include "gui/report/ReportWriter.h"

#include <cmath>
#include <optional>

#include <nlohmann/json.hpp>

#include <QBuffer>
#include <QDir>
#include <QFileInfo>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>

#include "gui/report/EmbeddedVideo.h"
#include "gui/report/ReportBuilder.h"
#include "gui/report/ReportProvenance.h"
#include "gui/util/AtomicWrite.h"

namespace scalelab::gui {

namespace writer_detail {
bool writerFail(QString* error, const QString& why)
{
    if (error)
        *error = why;
    return false;
}

bool writerWriteFile(const QString& path, const QByteArray& bytes, QString* error)
{
    return writeFileAtomically(path, bytes, error);
}

// The builder's provenance and, when asked for, the recorded run; false when the video
// cannot be embedded (nothing is written then).
bool prepareBuilder(ReportBuilder& builder, const core::Topology& topology,
                    const ReportExtras& extras, std::optional<EmbeddedVideo>& video, QString* error)
{
    builder.setProvenance(provenanceOf(topology, extras.sourcePath));
    if (extras.videoPath.isEmpty())
        return true;
    video.emplace();
    if (!loadEmbeddedVideo(extras.videoPath, &*video, error))
        return false;
    builder.setVideo(&*video);
    return true;
}
} // namespace writer_detail

using namespace writer_detail;

bool writeReport(const core::Topology& topology, const nlohmann::json& results,
                 const QString& outPath, QString* error, const ReportExtras& extras)
{
    const QString suffix = QFileInfo(outPath).suffix().toLower();
    if (suffix == QLatin1String("html") || suffix == QLatin1String("htm"))
        return writeHtmlReport(topology, results, outPath, error, extras);
    if (suffix == QLatin1String("pdf"))
        return writePdfReport(topology, results, outPath, error, extras);
    return writerFail(error,
                      QStringLiteral("unknown report type '.%1': use .html or .pdf").arg(suffix));
}

bool writeHtmlReport(const core::Topology& topology, const nlohmann::json& results,
                     const QString& outPath, QString* error, const ReportExtras& extras)
{
    ReportBuilder builder(topology, results, ReportBuilder::Target::Browser);
    std::optional<EmbeddedVideo> video;
    if (!prepareBuilder(builder, topology, extras, video, error))
        return false;
    return writerWriteFile(outPath, builder.html().toUtf8(), error);
}

bool writePdfReport(const core::Topology& topology, const nlohmann::json& results,
                    const QString& outPath, QString* error, const ReportExtras& extras)
{
    ReportBuilder builder(topology, results, ReportBuilder::Target::TextDocument);
    std::optional<EmbeddedVideo> video;
    if (!prepareBuilder(builder, topology, extras, video, error))
        return false;
    const QString html = builder.html();
    return writeHtmlAsPdf(html, builder.images(), QString::fromStdString(topology.name), outPath,
                          error);
}

bool writeHtmlAsPdf(const QString& html, const std::map<QString, QImage>& images,
                    const QString& title, const QString& outPath, QString* error)
{
    if (!QFileInfo(outPath).dir().exists())
        return writerFail(error, QStringLiteral("cannot write %1: no such folder").arg(outPath));
    // Into memory, then through QSaveFile: a kill or a full disk mid-write leaves the old
    // file (or none), never a cut-off PDF.
    QBuffer pdf;
    pdf.open(QIODevice::WriteOnly);
    QPdfWriter writer(&pdf);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(15, 14, 15, 12), QPageLayout::Millimeter);
    // 96 dpi: one device pixel is one CSS pixel of the HTML, the unit QTextDocument lays
    // out in; text stays vector and pictures keep their full resolution.
    writer.setResolution(96);
    writer.setTitle(QStringLiteral("%1 - ScaleLab report").arg(title));
    writer.setCreator(QStringLiteral("ScaleLab"));

    QTextDocument document;
    document.setDefaultFont(QFont(QStringLiteral("DejaVu Sans"), 9));
    document.setDocumentMargin(0);
    for (const auto& [name, image] : images)
        document.addResource(QTextDocument::ImageResource, QUrl(name), image);
    document.setHtml(html);

    // Paginate ourselves (QTextDocument::print rescales for the device and came out at
    // the wrong size): the page body in device pixels, less a strip for the page number.
    const QRectF paint = writer.pageLayout().paintRectPixels(writer.resolution());
    constexpr double kFooter = 22;
    const QSizeF body(paint.width(), paint.height() - kFooter);
    document.setPageSize(body);
    const int pages = document.pageCount();
    QPainter painter(&writer);
    if (!painter.isActive())
        return writerFail(error, QStringLiteral("cannot write %1").arg(outPath));
    for (int page = 0; page < pages; ++page) {
        if (page > 0)
            writer.newPage();
        painter.save();
        painter.translate(0, -page * body.height());
        document.drawContents(&painter, QRectF(QPointF(0, page * body.height()), body));
        painter.restore();
        painter.setPen(QColor(0x77, 0x77, 0x77));
        painter.setFont(QFont(QStringLiteral("DejaVu Sans"), 7));
        const QRectF footer(0, body.height() + 6, body.width(), kFooter - 6);
        painter.drawText(footer, Qt::AlignLeft | Qt::AlignVCenter,
                         QStringLiteral("%1 - ScaleLab report").arg(title));
        painter.drawText(footer, Qt::AlignRight | Qt::AlignVCenter,
                         QStringLiteral("page %1 of %2").arg(page + 1).arg(pages));
    }
    painter.end();
    return writerWriteFile(outPath, pdf.data(), error);
}

} // namespace scalelab::gui
