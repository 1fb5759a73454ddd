import DossierCore
import Testing

@Suite struct ModuleRegistryTests {
    func registryError(_ modules: [any CaseModule]) -> String? {
        do {
            _ = try ModuleRegistry(modules)
            return nil
        } catch {
            #expect(error.code == .invalidModule)
            return error.message
        }
    }

    @Test func ordersModulesAfterTheirDependencies() throws {
        let base = SampleModule(id: "base", referencePrefix: "BASE")
        let top = SampleModule(id: "top", referencePrefix: "TOP", dependencies: ["base"])
        let registry = try ModuleRegistry([top, base])
        #expect(registry.modules.map(\.id) == ["base", "top"])
    }

    @Test func refusesDuplicateIDs() {
        let message = registryError([SampleModule(), SampleModule(referencePrefix: "OTHER")])
        #expect(message == "module id 'sample' is registered twice")
    }

    @Test func refusesAMissingDependency() {
        let message = registryError([SampleModule(dependencies: ["extradition"])])
        #expect(message == "module 'sample' needs module 'extradition', which is not registered (registered: sample)")
    }

    @Test func refusesADependencyCycle() {
        let a = SampleModule(id: "a", referencePrefix: "A", dependencies: ["b"])
        let b = SampleModule(id: "b", referencePrefix: "B", dependencies: ["a"])
        #expect(registryError([a, b]) == "modules depend on each other in a cycle: a -> b -> a")
    }

    @Test func refusesAnInvalidWorkflowNamingModuleTypeAndElement() {
        var workflow = sampleWorkflow()
        workflow.transitions.append(.init("jump", from: ["new"], to: "nowhere", roles: [.admin]))
        let module = SampleModule(caseTypes: [CaseType(name: "sample-case", title: "Sample", workflow: workflow)])
        let message = registryError([module])
        #expect(message?.contains("module 'sample', case type 'sample-case': transition 'jump' goes to unknown state 'nowhere'") == true)
    }

    @Test func refusesAModuleBuiltForAnotherCoreNamingBothVersions() {
        let module = SampleModule(coreVersion: SemanticVersion(9, 0, 0))
        #expect(registryError([module]) == "module 'sample' was built for Dossier core 9.0.0, which this core \(DossierCoreInfo.version) cannot run")
    }

    @Test func refusesAReferencePrefixUsedTwice() {
        let message = registryError([SampleModule(), SampleModule(id: "other")])
        #expect(message == "module 'other': reference prefix 'SMP' is already used by module 'sample'")
    }

    /// A directory module opens no cases, so it declares no prefix; several may coexist.
    struct DirectoryModule: CaseModule {
        var id: String
        let name = "Directory"
        let version = SemanticVersion(1, 0, 0)
    }

    @Test func acceptsModulesWithoutCaseTypesOrAPrefix() throws {
        let registry = try ModuleRegistry([SampleModule(), DirectoryModule(id: "contacts"), DirectoryModule(id: "places")])
        #expect(registry.modules.map(\.referencePrefix) == ["SMP", "", ""])
    }

    @Test func refusesAModuleWithCaseTypesAndNoPrefix() {
        #expect(registryError([SampleModule(referencePrefix: "")])
            == "module 'sample' defines case types, so it needs a referencePrefix of 1 to 8 capital letters")
    }

    @Test func refusesAPrefixThatIsNotCapitalLetters() {
        #expect(registryError([SampleModule(referencePrefix: "Cold1")])
            == "module 'sample': reference prefix 'Cold1' must be 1 to 8 capital letters")
    }

    @Test func refusesIDsThatAreNotKebabCase() {
        #expect(registryError([SampleModule(id: "Cold_Cases")])?.contains("id must be kebab-case") == true)
    }

    @Test func namesTheCaseTypesThatExistWhenOneIsUnknown() throws {
        let registry = try ModuleRegistry([SampleModule()])
        #expect(throws: DossierError.invalidInput("module 'sample' has no case type 'other' (types: sample-case)")) {
            try registry.caseType(module: "sample", type: "other")
        }
    }
}

@Suite struct EmbeddedMigrationTests {
    @Test func aMisnamedMigrationFileStopsStartUpNamingTheFile() {
        let files = [("sample/0001_create.sql", "U0VMRUNUIDE="), ("sample/002-oops.sql", "U0VMRUNUIDE=")]
        let migrations = Migration.embedded(files.map { (path: $0.0, base64: $0.1) }, module: "sample")
        #expect(migrations.count == 2)
        var module = SampleModule()
        module.extraMigrations = migrations
        #expect(throws: DossierError(.invalidModule, "module 'sample': migration file '002-oops.sql' must be named NNNN_snake_name.sql (e.g. 0002_add_index.sql)")) {
            try ModuleRegistry([module])
        }
    }
}
