#!/usr/bin/env bash
# Installs the Debian 12 packages ScaleLab builds and tests with (run as root).
# Skips apt entirely when everything is already there, so repeated runs cost nothing.
set -euo pipefail
packages=(
  build-essential cmake ninja-build ccache mold
  qt6-base-dev libqt6opengl6-dev qt6-charts-dev qt6-svg-dev libqt6svg6
  libboost-graph-dev libspdlog-dev nlohmann-json3-dev libgl1-mesa-dev libbenchmark-dev
  xvfb xauth imagemagick poppler-utils librsvg2-bin fonts-dejavu-core
  libavcodec-dev libavformat-dev libswscale-dev libavutil-dev libavfilter-dev ffmpeg
  parallel libclang-rt-14-dev
)
# More packages for the same apt run (CI adds clang-format and clang's: one update, one install).
read -r -a extra <<<"${SCALELAB_EXTRA_PACKAGES:-}"
packages+=("${extra[@]}")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
