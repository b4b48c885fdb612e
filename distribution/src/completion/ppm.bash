# Bash completion for ppm, the PPM command line.
# Load it from ~/.bashrc:  source /path/to/ppm/completion/ppm.bash

_ppm_services() {
    # Names come from the running daemon; nothing is offered when none answers.
    ppm ls --json 2>/dev/null | grep -o '{"name":"[^"]*"' | sed 's/{"name":"//; s/"$//'
}

_ppm() {
    local cur prev words cword
    if declare -F _init_completion >/dev/null; then
        _init_completion || return
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
        prev="${COMP_WORDS[COMP_CWORD-1]}"
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
    fi

    local commands="daemon info ls add rm start stop restart signal pause resume logs stats reload plugins show-configuration shutdown version"
    local connection="--url --user"
    local signals="HUP INT QUIT KILL USR1 USR2 TERM CONT STOP TSTP WINCH ALRM"

    # The command is the first word that is not an option.
    local command="" i
    for ((i = 1; i < cword; i++)); do
        if [[ "${words[i]}" != -* ]]; then
            command="${words[i]}"
            break
        fi
    done

    if [[ -z "$command" ]]; then
        COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
        return
    fi

    # After "--" comes a command to run: complete commands and files.
    for ((i = 1; i < cword; i++)); do
        if [[ "${words[i]}" == "--" ]]; then
            COMPREPLY=($(compgen -c -- "$cur") $(compgen -f -- "$cur"))
            return
        fi
    done

    case "$prev" in
        --url|--user|--name|--env|--schedule|-n|--lines|--interval)
            return ;;
        --config)
            COMPREPLY=($(compgen -f -- "$cur"))
            return ;;
        --cwd)
            COMPREPLY=($(compgen -d -- "$cur"))
            return ;;
        --restart)
            COMPREPLY=($(compgen -W "on-failure always never" -- "$cur"))
            return ;;
    esac

    local options=""
    case "$command" in
        daemon) options="--config --detach --help" ;;
        info|stats) options="$connection --json --help" ;;
        ls|plugins) options="$connection --json --help" ;;
        add) options="$connection --json --name --env --cwd --restart --schedule --help" ;;
        logs) options="$connection --json -f --follow -n --lines --help" ;;
        reload|show-configuration|shutdown|rm|start|stop|restart|signal|pause|resume) options="$connection --help" ;;
        version) options="--json --help" ;;
    esac
    [[ "$command" == "stats" ]] && options="$options --watch --interval"

    if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
        return
    fi

    case "$command" in
        signal)
            # The first argument after "signal" is the signal, then service names.
            local positionals=0
            for ((i = 1; i < cword; i++)); do
                [[ "${words[i]}" != -* && "${words[i-1]}" != --url && "${words[i-1]}" != --user ]] && ((positionals++))
            done
            if ((positionals <= 1)); then
                COMPREPLY=($(compgen -W "$signals" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "all $(_ppm_services)" -- "$cur"))
            fi ;;
        start|stop|restart|pause|resume)
            COMPREPLY=($(compgen -W "all $(_ppm_services)" -- "$cur")) ;;
        rm|info|logs|stats)
            COMPREPLY=($(compgen -W "$(_ppm_services)" -- "$cur")) ;;
    esac
}

complete -F _ppm ppm
