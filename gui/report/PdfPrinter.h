#pragma once

#include <map>

#include <QImage>
#include <QString>

namespace scalelab::gui {

/// Lays out report HTML with QTextDocument on A4 pages (numbered, `title` in each footer),
/// with `images` as the document's image resources, and writes the PDF whole or not at all.
bool printHtmlToPdf(const QString& html, const std::map<QString, QImage>& images,
                    const QString& title, const QString& outPath, QString* error);

} // namespace scalelab::gui
