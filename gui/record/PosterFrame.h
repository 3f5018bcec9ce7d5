#pragma once

#include <QImage>
#include <QString>

namespace scalelab::gui::record {

/// The last frame of a video (MP4, WebM or GIF), decoded with libavformat/libavcodec: the
/// end of the run, with its charts complete, stands for the video in a PDF report. A null
/// image and `error` set when the file cannot be read.
QImage posterFrame(const QString& videoPath, QString* error);

} // namespace scalelab::gui::record
