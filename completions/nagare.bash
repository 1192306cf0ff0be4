# bash completion for nagare                                    -*- shell-script -*-
# Subcommands from a fixed list; each subcommand's options from its own --help, so new
# options complete without editing this file.

_nagare() {
  local cur prev words cword
  _init_completion || return
  local commands="check render policy measures checklist report trace reach diff audit schema init fmt import export serve"
  if [[ $cword -eq 1 ]]; then
    COMPREPLY=($(compgen -W "$commands --help --version --lang" -- "$cur"))
    return
  fi
  local command=${words[1]}
  case $prev in
    --lang) COMPREPLY=($(compgen -W "ja en" -- "$cur")); return ;;
    --format)
      case $command in
        check) COMPREPLY=($(compgen -W "text json sarif" -- "$cur")) ;;
        export) COMPREPLY=($(compgen -W "otm xlsx" -- "$cur")) ;;
        *) COMPREPLY=($(compgen -W "$("${words[0]}" "$command" --help 2>/dev/null |
             sed -n 's/.*--format[^(]*(\([^)]*\)).*/\1/p' | tr -d ,)" -- "$cur")) ;;
      esac
      return ;;
    -o|--output|--policy|--password-file) _filedir; return ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$("${words[0]}" "$command" --help 2>/dev/null |
      grep -oE -- '--[a-z][a-z-]*' | sort -u)" -- "$cur"))
    return
  fi
  case $command in
    import) _filedir '@(xlsx|json|yaml|yml)' ;;
    serve) _filedir -d ;;
    *) _filedir '@(toml)' ;;
  esac
}
complete -F _nagare nagare
