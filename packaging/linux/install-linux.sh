#!/bin/sh
# Install bk-desktop for the current user, from the folder this script is in:
#     ./install-linux.sh             install (or update) the program, menu entry and icon
#     ./install-linux.sh --uninstall remove them again
# The program goes to ~/.local/lib/bk-desktop, the menu entry and icons to ~/.local/share,
# and the command `bk-desktop` to ~/.local/bin. No administrator rights are needed.
# The data folder (~/.local/share/bk-desktop: the vault, its keys and backups) is never touched.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
share=${XDG_DATA_HOME:-$HOME/.local/share}
program=$HOME/.local/lib/bk-desktop
bin=$HOME/.local/bin
icons=$share/icons/hicolor
entry=$share/applications/bk-desktop.desktop

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$program"
    rm -f "$entry" "$bin/bk-desktop" "$icons/scalable/apps/bk-desktop.svg"
    for size in 16 24 32 48 64 128 256; do
        rm -f "$icons/${size}x${size}/apps/bk-desktop.png"
    done
    echo "bk-desktop dihapus. Folder data ($share/bk-desktop) tetap ada."
    exit 0
fi

if [ ! -x "$here/bk-desktop" ] || [ ! -d "$here/_internal" ]; then
    echo "Jalankan skrip ini dari folder bk-desktop hasil build (berisi bk-desktop dan _internal)." >&2
    exit 1
fi

if [ "$here" != "$program" ]; then
    rm -rf "$program.new"
    mkdir -p "$(dirname "$program")"
    cp -a "$here" "$program.new"
    rm -rf "$program"
    mv "$program.new" "$program"
fi

resources=$program/_internal/bk_desktop/resources/icons
mkdir -p "$icons/scalable/apps" "$(dirname "$entry")" "$bin"
cp "$resources/bk-desktop.svg" "$icons/scalable/apps/bk-desktop.svg"
for size in 16 24 32 48 64 128 256; do
    mkdir -p "$icons/${size}x${size}/apps"
    cp "$resources/bk-desktop-$size.png" "$icons/${size}x${size}/apps/bk-desktop.png"
done
sed "s|@PROGRAM@|$program/bk-desktop|" "$program/bk-desktop.desktop" > "$entry"
ln -sf "$program/bk-desktop-cli" "$bin/bk-desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$(dirname "$entry")" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icons" || true

echo "bk-desktop terpasang: menu aplikasi → bk-desktop, atau perintah bk-desktop ($bin)."
