#pragma once

#include <QByteArray>
#include <QImage>
#include <QString>

namespace scalelab::gui {

/// A recorded run carried by a report: the HTML report plays it (the file's bytes inline,
/// so the report stays one self-contained file), the PDF shows its poster frame.
struct EmbeddedVideo {
    QString fileName; ///< shown in the caption
    QString mimeType; ///< video/mp4, video/webm or image/gif
    QByteArray bytes;
    QImage poster; ///< the last frame: the end of the run, charts complete
};

/// Above this a report would be unwieldy to hand around; a minute of example 08 at 720p is
/// about 5 MB.
inline constexpr qint64 kMaxEmbeddedVideoBytes = qint64{64} << 20;

/// Reads a video ScaleLab recorded (.mp4, .webm or .gif) and decodes its poster frame.
/// False and `error` (naming the file and what is wrong) when it cannot be embedded.
bool loadEmbeddedVideo(const QString& path, EmbeddedVideo* video, QString* error);

/// The report's "Recorded run" figure: a <video> (or, for a GIF, an <img>) with the bytes
/// as a data: URI for a browser; for the PDF (`posterName` set) an <img> of that name,
/// whose image the caller adds as a document resource.
QString embeddedVideoHtml(const EmbeddedVideo& video, const QString& posterName = {});

} // namespace scalelab::gui
