#pragma once

#include <QString>

#include "core/model/Topology.h"

namespace scalelab::gui {

/// What a reader needs to reproduce a report: the ScaleLab version that wrote it and the
/// SHA-256 of the design it describes. With the design's file (saved, unchanged) the hash is
/// of the file's bytes, so `sha256sum FILE` checks it; otherwise it is of the design as
/// ScaleLab serialises it (File > Save would write exactly those bytes).
struct ReportProvenance {
    QString version;  ///< ScaleLab's version
    QString fileName; ///< the design's file name; empty when not from a file
    QString sha256;   ///< lower-case hex
};

/// `sourcePath` empty, unreadable or not the design's file: the hash of the serialisation.
ReportProvenance provenanceOf(const core::Topology& topology, const QString& sourcePath);

/// SHA-256 (hex) of the design as ScaleLab serialises it.
QString designSha256(const core::Topology& topology);

} // namespace scalelab::gui
