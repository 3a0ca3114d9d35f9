package org.flowwatch.cli;

import picocli.CommandLine.IVersionProvider;

final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"flowwatch " + (version == null ? "development build" : version)};
    }
}
