#!/usr/bin/env bash
# The WildFly that runs Ferry's WAR (issue 17).
#
#   wildfly.sh install
#       Provisions WILDFLY_HOME (target/wildfly) with Galleon from Maven (pom.xml: the layers and
#       why; ferry.cli: Ferry's wiring), unless it is there and was made from the current
#       pom.xml, ferry.cli and extra/. About 30 s once the artifacts are in the local repository;
#       on a fresh machine it also fetches WildFly's distribution archive once (two jars the
#       feature pack needs are only in it).
#
# `mvn -Prun,wildfly package` installs and then starts target/bundle/start-wildfly.sh.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
project=$(cd "$here/../.." && pwd)
home=${FERRY_WILDFLY_HOME:-$project/target/wildfly}

recipe() {
    (cd "$here" && find pom.xml ferry.cli extra -type f -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-64
}

install() {
    local want
    want=$(recipe)
    if [ -f "$home/jboss-modules.jar" ] && [ "$(cat "$home/.ferry-recipe" 2>/dev/null)" = "$want" ]; then
        return 0
    fi
    rm -rf "$home"
    mvn -B -ntp -q -f "$here/pom.xml" package -Dwildfly.home="$home"
    echo "$want" > "$home/.ferry-recipe"
}

case "${1:-}" in
install) install ;;
*) echo "usage: wildfly.sh install" >&2; exit 2 ;;
esac
