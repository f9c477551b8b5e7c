; bk-desktop installer for Windows 10/11: per user, no administrator rights, works offline.
;
; Compiled by packaging/build.py, which passes:
;   VERSION          the program's version (bk_desktop.__version__), e.g. 0.1.0
;   VERSION_NUMBERS  the same as four numbers, e.g. 0.1.0.0
;   DIST             the one-folder build (build/dist/bk-desktop)
;   OUTFILE          where the installer goes
;   EXE_SUFFIX       ".exe" on Windows; "" when CI checks this script against the Linux build
;   CHECK_ONLY       (Linux) the installer is only compiled to check the script, not shipped
;
; Paths on the build machine use "/" (makensis accepts it on Windows too, and needs it on
; Linux); paths on the school's PC use "\".
;
; The program goes to the user's own programs folder (%LOCALAPPDATA%\Programs\bk-desktop).
; The data folder (%LOCALAPPDATA%\bk-desktop: the encrypted vault, its key file, logs and the
; backups in its "cadangan" folder) belongs to the school, not to the program: the uninstaller
; keeps it unless the person ticks the box that names it.

Unicode true
ManifestDPIAware true
!ifdef CHECK_ONLY
  ; CI on Linux only proves that the script compiles against the build: no need to compress.
  SetCompress off
!else
  SetCompressor /SOLID lzma
!endif

!ifndef VERSION | VERSION_NUMBERS | DIST | OUTFILE
  !error "Build with packaging/build.py (it defines VERSION, VERSION_NUMBERS, DIST, OUTFILE)"
!endif
!ifndef EXE_SUFFIX
  !define EXE_SUFFIX ".exe"
!endif

!define APP "bk-desktop"
!define APP_EXE "${APP}${EXE_SUFFIX}"
!define CLI_EXE "${APP}-cli${EXE_SUFFIX}"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"
!define DATA_DIR "$LOCALAPPDATA\${APP}"
!define ICON "${__FILEDIR__}/bk-desktop.ico"

; Every file this script names must be in the build it is compiled against.
!if ! /FileExists "${DIST}/${APP_EXE}"
  !error "${DIST}/${APP_EXE} is missing: build the program first"
!endif
!if ! /FileExists "${DIST}/${CLI_EXE}"
  !error "${DIST}/${CLI_EXE} is missing"
!endif
!if ! /FileExists "${DIST}/_internal/bk_desktop/resources/icons/bk-desktop.svg"
  !error "${DIST}/_internal has no bk_desktop resources"
!endif

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
RequestExecutionLevel user
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION_NUMBERS}"
VIFileVersion "${VERSION_NUMBERS}"
VIAddVersionKey /LANG=0 "ProductName" "${APP}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP} ${VERSION} — pemasang (installer)"
VIAddVersionKey /LANG=0 "LegalCopyright" "${APP}"

!include "MUI2.nsh"
!include "nsDialogs.nsh"
!include "LogicLib.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_LANGDLL_ALLLANGUAGES
!define MUI_LANGDLL_REGISTRY_ROOT HKCU
!define MUI_LANGDLL_REGISTRY_KEY "${UNINSTALL_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"

!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
UninstPage custom un.DataPage un.DataPageLeave
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default.
!insertmacro MUI_LANGUAGE "Indonesian"
!insertmacro MUI_LANGUAGE "English"

LangString SecProgram ${LANG_INDONESIAN} "Program bk-desktop"
LangString SecProgram ${LANG_ENGLISH} "bk-desktop program"
LangString SecDesktop ${LANG_INDONESIAN} "Pintasan di desktop"
LangString SecDesktop ${LANG_ENGLISH} "Desktop shortcut"
LangString DescProgram ${LANG_INDONESIAN} "Program dan entri di menu Start. Folder data tidak diubah."
LangString DescProgram ${LANG_ENGLISH} "The program and its Start-menu entry. The data folder is not changed."
LangString DescDesktop ${LANG_INDONESIAN} "Ikon bk-desktop di desktop."
LangString DescDesktop ${LANG_ENGLISH} "A bk-desktop icon on the desktop."
LangString DataTitle ${LANG_INDONESIAN} "Folder data"
LangString DataTitle ${LANG_ENGLISH} "Data folder"
LangString DataSubtitle ${LANG_INDONESIAN} "Catatan BK dan cadangannya disimpan, kecuali Anda memilih menghapusnya."
LangString DataSubtitle ${LANG_ENGLISH} "The BK records and their backups are kept unless you choose to delete them."
LangString DataKept ${LANG_INDONESIAN} "Program akan dihapus. Folder data TIDAK dihapus, sehingga bk-desktop yang dipasang lagi membuka catatan yang sama:$\r$\n$\r$\n${DATA_DIR}"
LangString DataKept ${LANG_ENGLISH} "The program will be removed. The data folder is NOT deleted, so bk-desktop installed again opens the same records:$\r$\n$\r$\n${DATA_DIR}"
LangString DataNone ${LANG_INDONESIAN} "Tidak ada folder data di komputer ini (${DATA_DIR})."
LangString DataNone ${LANG_ENGLISH} "There is no data folder on this computer (${DATA_DIR})."
LangString DataBox ${LANG_INDONESIAN} "Hapus juga folder data ${DATA_DIR}: brankas terenkripsi (semua catatan BK), berkas kuncinya, log"
LangString DataBox ${LANG_ENGLISH} "Also delete the data folder ${DATA_DIR}: the encrypted vault (every BK record), its key file, logs"
LangString DataBoxBackups ${LANG_INDONESIAN} ", dan cadangan di dalamnya ($0 berkas di ${DATA_DIR}\cadangan)"
LangString DataBoxBackups ${LANG_ENGLISH} ", and the backups inside it ($0 files in ${DATA_DIR}\cadangan)"
LangString DataElsewhere ${LANG_INDONESIAN} "Cadangan di folder lain (misalnya flashdisk) tidak pernah disentuh."
LangString DataElsewhere ${LANG_ENGLISH} "Backups in other folders (a USB drive, for example) are never touched."
LangString DataConfirm ${LANG_INDONESIAN} "Semua catatan BK di komputer ini akan dihapus dan tidak dapat dikembalikan tanpa cadangan lain. Lanjutkan?"
LangString DataConfirm ${LANG_ENGLISH} "Every BK record on this computer will be deleted and cannot be recovered without another backup. Continue?"

Var DataCheckbox
Var DeleteData

Function .onInit
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function un.onInit
  !insertmacro MUI_UNGETLANGUAGE
  StrCpy $DeleteData 0
FunctionEnd

Section "!$(SecProgram)" SecProgramId
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; An update replaces the whole bundle: old libraries must not linger beside new ones.
  RMDir /r "$INSTDIR\_internal"
  File "${DIST}/${APP_EXE}"
  File "${DIST}/${CLI_EXE}"
  File /r "${DIST}/_internal"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${APP}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "$(SecDesktop)" SecDesktopId
  SetShellVarContext current
  CreateShortcut "$DESKTOP\${APP}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecProgramId} $(DescProgram)
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktopId} $(DescDesktop)
!insertmacro MUI_FUNCTION_DESCRIPTION_END

; -- uninstaller -----------------------------------------------------------------------------

; $0 = the number of .bkbak files in the data folder's "cadangan" folder (and its subfolders
; one level down, where damaged vaults are kept).
Function un.CountBackups
  StrCpy $0 0
  FindFirst $1 $2 "${DATA_DIR}\cadangan\*.bkbak"
  ${DoWhile} $2 != ""
    IntOp $0 $0 + 1
    FindNext $1 $2
  ${Loop}
  FindClose $1
FunctionEnd

Function un.DataPage
  !insertmacro MUI_HEADER_TEXT $(DataTitle) $(DataSubtitle)
  nsDialogs::Create 1018
  Pop $1
  ${If} ${FileExists} "${DATA_DIR}\*.*"
    ${NSD_CreateLabel} 0 0 100% 48u $(DataKept)
    Pop $1
    Call un.CountBackups
    ${If} $0 > 0
      StrCpy $3 "$(DataBox)$(DataBoxBackups)."
    ${Else}
      StrCpy $3 "$(DataBox)."
    ${EndIf}
    ${NSD_CreateCheckbox} 0 56u 100% 48u $3
    Pop $DataCheckbox
    ${NSD_CreateLabel} 0 112u 100% 24u $(DataElsewhere)
    Pop $1
  ${Else}
    StrCpy $DataCheckbox ""
    ${NSD_CreateLabel} 0 0 100% 24u $(DataNone)
    Pop $1
  ${EndIf}
  nsDialogs::Show
FunctionEnd

Function un.DataPageLeave
  StrCpy $DeleteData 0
  ${If} $DataCheckbox != ""
    ${NSD_GetState} $DataCheckbox $1
    ${If} $1 == ${BST_CHECKED}
      MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 $(DataConfirm) IDYES confirmed
      Abort  ; back to the page, box still ticked, nothing deleted
      confirmed:
      StrCpy $DeleteData 1
    ${EndIf}
  ${EndIf}
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${APP}.lnk"
  Delete "$DESKTOP\${APP}.lnk"
  ; Only what the installer put there, in case the folder was chosen to hold other things too.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"

  ${If} $DeleteData == 1
    RMDir /r "${DATA_DIR}"
  ${EndIf}
SectionEnd
