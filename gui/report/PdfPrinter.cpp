#include "gui/report/PdfPrinter.h"

#include <QBuffer>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>
#include <QUrl>

#include "gui/util/AtomicWrite.h"

namespace scalelab::gui {

bool printHtmlToPdf(const QString& html, const std::map<QString, QImage>& images,
                    const QString& title, const QString& outPath, QString* error)
{
    // Into memory first: a failure half way leaves no half-written PDF behind.
    QByteArray pdf;
    QBuffer buffer(&pdf);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(15, 14, 15, 12), QPageLayout::Millimeter);
        // 96 dpi: one device pixel is one CSS pixel of the HTML, the unit QTextDocument lays
        // out in; text stays vector and pictures keep their full resolution.
        writer.setResolution(96);
        writer.setTitle(title);
        writer.setCreator(QStringLiteral("ScaleLab"));

        QTextDocument document;
        document.setDefaultFont(QFont(QStringLiteral("DejaVu Sans"), 9));
        document.setDocumentMargin(0);
        for (const auto& [name, image] : images)
            document.addResource(QTextDocument::ImageResource, QUrl(name), image);
        document.setHtml(html);

        // Paginate here (QTextDocument::print rescales for the device and came out at the
        // wrong size): the page body in device pixels, less a strip for the page number.
        const QRectF paint = writer.pageLayout().paintRectPixels(writer.resolution());
        constexpr double kFooter = 22;
        const QSizeF body(paint.width(), paint.height() - kFooter);
        document.setPageSize(body);
        const int pages = document.pageCount();
        QPainter painter(&writer);
        if (!painter.isActive()) {
            if (error)
                *error = QStringLiteral("cannot write %1").arg(outPath);
            return false;
        }
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
            painter.drawText(footer, Qt::AlignLeft | Qt::AlignVCenter, title);
            painter.drawText(footer, Qt::AlignRight | Qt::AlignVCenter,
                             QStringLiteral("page %1 of %2").arg(page + 1).arg(pages));
        }
    }
    return writeFileAtomically(outPath, pdf, error);
}

} // namespace scalelab::gui
